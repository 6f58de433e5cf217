import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import type { SurveyWave } from '../../domain/surveys/survey-wave.ts';
import type { CaseOpening, CaseParties, InvitationOnFile, RecordAnswerOutcome, StoredAnswer, SurveyAnswerStore } from '../../ports/survey-answers.ts';
import { keys } from './keys.ts';
import { outboxPut, type TransactItem } from './outbox-items.ts';
import { caseItem } from './survey-case-items.ts';
import { DynamoManagerDirectory } from './manager-directory.ts';

const refSchema = z.object({ waveKey: z.string(), accountId: z.string(), contactId: z.string() });
const invitationSchema = z.object({
  invitationId: z.string(),
  waveKey: z.string().regex(/^\d{4}-Q[1-4]$/),
  accountId: z.string(),
  contactId: z.string(),
  role: z.enum(['client', 'director', 'contact']),
  language: z.enum(['ru', 'en']),
  email: z.string(),
  state: z.enum(['invited', 'answered', 'unsubscribed', 'bounced', 'complained']),
  invitedAt: z.string(),
  remindersSent: z.array(z.number()).default([]),
  closesAt: z.string(),
  segment: z.object({ tier: z.string(), city: z.string(), managerId: z.string(), customerType: z.enum(['business', 'private']) }),
});
const waveSchema = z.object({ waveKey: z.string(), state: z.enum(['opening', 'open', 'closed']), closesAt: z.string() }).loose();

export class InvalidSurveyItemError extends Error {
  override readonly name = 'InvalidSurveyItemError';
}

function parseItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>, what: string): T {
  const parsed = schema.safeParse(item);
  // Paths only: the item holds an e-mail address, which must not reach a log.
  if (!parsed.success) throw new InvalidSurveyItemError(`${what} ${String(item.pk)}/${String(item.sk)} is malformed at ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
  return parsed.data;
}

/** Answers and the invitations they close, in DynamoDB (keys: shared/adapters/dynamodb/keys.ts). */
export class DynamoSurveyAnswerStore implements SurveyAnswerStore {
  private readonly managers: DynamoManagerDirectory;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.managers = new DynamoManagerDirectory(client, tableName);
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  async findInvitation(invitationId: string): Promise<InvitationOnFile | undefined> {
    const ref = await this.get(keys.invitationRef(invitationId));
    if (!ref) return undefined;
    const { waveKey, accountId, contactId } = parseItem(refSchema, ref, 'invitation pointer');
    const [item, wave] = await Promise.all([this.get(keys.invitation(waveKey, accountId, contactId)), this.get(keys.surveyWave(waveKey))]);
    if (!item) return undefined;
    const invitation = parseItem(invitationSchema, item, 'invitation') as Invitation;
    return { invitation, ...(wave && { wave: parseItem(waveSchema, wave, 'wave') as unknown as SurveyWave }) };
  }

  async getAnswer(waveKey: string, invitationId: string): Promise<StoredAnswer | undefined> {
    const item = await this.get(keys.surveyAnswer(waveKey, invitationId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...answer } = item;
    return answer as unknown as StoredAnswer;
  }

  async recordAnswer(invitation: Invitation, answer: StoredAnswer, opening: CaseOpening | undefined, queuedAt: string): Promise<RecordAnswerOutcome> {
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.invitation(invitation.waveKey, invitation.accountId, invitation.contactId),
          UpdateExpression: 'SET #state = :answered, answeredAt = :at',
          ConditionExpression: '#state = :invited AND invitationId = :inv',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':answered': 'answered', ':invited': 'invited', ':at': answer.answeredAt, ':inv': invitation.invitationId },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.surveyAnswer(answer.waveKey, answer.invitationId), ...answer },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (opening) {
      items.push({ Put: { TableName: this.tableName, Item: caseItem(opening.kase), ConditionExpression: 'attribute_not_exists(pk)' } });
      items.push(outboxPut(this.tableName, opening.mail, queuedAt));
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (!error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) throw error;
      // Which guard held: the invitation was answered meanwhile (a double click, a retry), or it left `invited` another way.
      const now = await this.get(keys.invitation(invitation.waveKey, invitation.accountId, invitation.contactId));
      return now?.state === 'answered' ? 'already-answered' : 'not-open';
    }
  }

  async markEventPublished(waveKey: string, invitationId: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.surveyAnswer(waveKey, invitationId),
        UpdateExpression: 'SET eventPublishedAt = if_not_exists(eventPublishedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async caseParties(accountId: string, contactId: string | undefined): Promise<CaseParties> {
    const [account, contact] = await Promise.all([this.get(keys.account(accountId)), contactId ? this.get(keys.contact(accountId, contactId)) : undefined]);
    const managerId = typeof account?.managerId === 'string' ? account.managerId : undefined;
    const manager = managerId ? (await this.managers.getManagers([managerId])).get(managerId) : undefined;
    return {
      ...(typeof account?.name === 'string' && { accountName: account.name }),
      ...(managerId && { managerId }),
      ...(manager && { manager }),
      ...(contact &&
        typeof contact.email === 'string' && {
          contact: {
            fullName: String(contact.fullName ?? ''),
            email: contact.email,
            // The contacts export has no phone column today; a contact item that carries one shows it.
            ...(typeof contact.phone === 'string' && { phone: contact.phone }),
          },
        }),
    };
  }
}
