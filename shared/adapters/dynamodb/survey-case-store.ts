import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { IsoDate } from '../../domain/calendar-date.ts';
import type { SurveyCase } from '../../domain/surveys/survey-case.ts';
import type { OutboxMail } from '../../ports/outbox.ts';
import type { CaseWriteOutcome, SurveyCaseStore } from '../../ports/survey-answers.ts';
import { keys } from './keys.ts';
import { outboxPut, type TransactItem } from './outbox-items.ts';
import { queryAll, queryPrefix, scanAll } from './query-all.ts';
import { caseItem, openCaseQueue, toCase } from './survey-case-items.ts';

const refSchema = z.object({ waveKey: z.string(), accountId: z.string() });

export class DynamoSurveyCaseStore implements SurveyCaseStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The case id is the invitation id; its pointer names the account and the wave. */
  async findCase(caseId: string): Promise<SurveyCase | undefined> {
    const ref = (await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.invitationRef(caseId), ConsistentRead: true }))).Item;
    const parsed = refSchema.safeParse(ref);
    if (!parsed.success) return undefined;
    const item = (
      await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.surveyCase(parsed.data.accountId, parsed.data.waveKey, caseId), ConsistentRead: true }))
    ).Item;
    return item ? toCase(item) : undefined;
  }

  async casesOfAccount(accountId: string): Promise<SurveyCase[]> {
    return (await queryPrefix(this.client, this.tableName, `ACCOUNT#${accountId}`, 'CASE#')).map(toCase);
  }

  async casesOfManager(managerId: string): Promise<SurveyCase[]> {
    return (
      await queryAll(this.client, {
        TableName: this.tableName,
        IndexName: 'casesByManager',
        KeyConditionExpression: 'caseManagerKey = :m',
        ExpressionAttributeValues: { ':m': `MANAGER#${managerId}` },
      })
    ).map(toCase);
  }

  /** Every case, from the case index (only cases are in it): for the operator's report. */
  async allCases(): Promise<SurveyCase[]> {
    return (await scanAll(this.client, { TableName: this.tableName, IndexName: 'casesByManager' })).map(toCase);
  }

  async casesDueBy(day: IsoDate): Promise<SurveyCase[]> {
    const entries = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'openCasesByAction',
      // "~" sorts after "#", so every action dated `day` is included.
      KeyConditionExpression: 'caseQueue = :q AND caseNextAction <= :last',
      ExpressionAttributeValues: { ':q': openCaseQueue, ':last': `${day}~` },
    });
    return entries.map(toCase);
  }

  async replaceCase(previous: SurveyCase, next: SurveyCase, at: string, mail?: OutboxMail): Promise<CaseWriteOutcome> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: caseItem(next),
          ConditionExpression: '#state = :state AND reminded = :reminded AND escalated = :escalated',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': previous.state, ':reminded': previous.reminded, ':escalated': previous.escalated },
        },
      },
      ...(mail ? [outboxPut(this.tableName, mail, at)] : []),
    ];
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'changed';
      throw error;
    }
  }
}
