import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { OpenRunOutcome, PageProgress, ReviewRun, ReviewSegment, ReviewStore, ReviewSummary, SegmentPage } from '../../ports/review-store.ts';
import { isChange, type StatusDecision } from '../../domain/status-decision.ts';
import { accountItemSchema } from '../../schemas/account-item.ts';
import { formatZodIssues } from '../../schemas/format-issues.ts';
import { keys, reviewShardCount, statusIndexAttributes } from './keys.ts';
import { expiresAfter, retention } from '../../domain/data-rights/retention.ts';
import { previousYearlyKey } from '../../domain/review-key.ts';
import { isStatusItem, joinAccountEntries } from './account-entries.ts';
import { decodeDecision, encodeDecision } from './decision-codec.ts';
import { updateExpression } from './update-expression.ts';
import { queryPrefix } from './query-all.ts';

const outcomePrefix = 'o_';
const tierPrefix = 't_';

export class DynamoReviewStore implements ReviewStore {
  readonly maxSegments = reviewShardCount;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async openRun(run: Omit<ReviewRun, 'doneSegments' | 'segmentsPublished' | 'state'>, turn: { readonly staleBefore: string }): Promise<OpenRunOutcome> {
    const item: ReviewRun = { ...run, doneSegments: [], segmentsPublished: false, state: 'running' };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.reviewRun(run.reviewKey),
                ConditionExpression: 'attribute_not_exists(pk)',
                UpdateExpression:
                  'SET reviewKey = :k, #mode = :m, reviewDate = :d, scheduledTime = :t, totalSegments = :n, segmentsPublished = :no, #state = :running, openedAt = :opened, expiresAt = :expires',
                ExpressionAttributeNames: { '#mode': 'mode', '#state': 'state' },
                ExpressionAttributeValues: {
                  ':k': run.reviewKey,
                  ':m': run.mode,
                  ':d': run.reviewDate,
                  ':t': run.scheduledTime,
                  ':n': run.totalSegments,
                  ':no': false,
                  ':running': 'running',
                  // Run records are kept 2 years (docs/data-model.md, Retention).
                  ':expires': expiresAfter(run.scheduledTime, retention.runRecordDays),
                  ':opened': run.openedAt ?? run.scheduledTime,
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.reviewTurn(),
                ConditionExpression: 'attribute_not_exists(holder) OR holder = :k OR heldSince < :stale',
                UpdateExpression: 'SET holder = :k, heldSince = :t',
                ExpressionAttributeValues: { ':k': run.reviewKey, ':t': run.scheduledTime, ':stale': turn.staleBefore },
              },
            },
          ],
        }),
      );
      return { run: item, created: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [runReason, turnReason] = error.CancellationReasons ?? [];
      if (runReason?.Code === 'ConditionalCheckFailed') return { run: (await this.getRun(run.reviewKey))!, created: false };
      if (turnReason?.Code !== 'ConditionalCheckFailed') throw error;
      const holder = (await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.reviewTurn(), ConsistentRead: true }))).Item;
      return { busy: { reviewKey: String(holder?.holder), scheduledTime: String(holder?.heldSince) } };
    }
  }

  async accountsOfLastYearlyReview(reviewKey: string): Promise<number | undefined> {
    const yearly = previousYearlyKey(reviewKey) ?? reviewKey.replace(/^admission-(\d{4})-\d{2}$/, 'yearly-$1');
    if (yearly === reviewKey) return undefined;
    const run = await this.getRun(yearly);
    return run?.state === 'completed' ? run.summary?.accounts : undefined;
  }

  async getRun(reviewKey: string): Promise<ReviewRun | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.reviewRun(reviewKey), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { doneSegments, ...run } = result.Item;
    return { ...(run as Omit<ReviewRun, 'doneSegments'>), doneSegments: [...((doneSegments as Set<number> | undefined) ?? [])].sort((a, b) => a - b) };
  }

  async runningReview(): Promise<string | undefined> {
    const turn = (await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.reviewTurn(), ConsistentRead: true }))).Item;
    return typeof turn?.holder === 'string' ? turn.holder : undefined;
  }

  async markSegmentsPublished(reviewKey: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.reviewRun(reviewKey),
        UpdateExpression: 'SET segmentsPublished = :yes',
        ExpressionAttributeValues: { ':yes': true },
      }),
    );
  }

  async getSegment(reviewKey: string, segment: number): Promise<ReviewSegment> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reviewSegment(reviewKey, segment), ConsistentRead: true }),
    );
    return toSegment(result.Item);
  }

  async readSegmentPage(segment: number, totalSegments: number, cursor: Record<string, unknown> | undefined, limit: number): Promise<SegmentPage> {
    const scan = (startKey: Record<string, unknown> | undefined, pageLimit: number) =>
      this.client.send(
        new ScanCommand({ TableName: this.tableName, IndexName: 'accounts', Segment: segment, TotalSegments: totalSegments, Limit: pageLimit, ExclusiveStartKey: startKey }),
      );
    const page = await scan(cursor, limit);
    const items = page.Items ?? [];
    let next = page.LastEvaluatedKey;
    const last = items.at(-1);
    if (next && last && !isStatusItem(last)) {
      // The page ends on a profile whose status item may be the next entry: read that one too,
      // so an account is never decided without its status.
      const peek = await scan(next, 1);
      const following = peek.Items?.[0];
      if (following && isStatusItem(following) && following.pk === last.pk) {
        items.push(following);
        next = peek.LastEvaluatedKey;
      }
    }
    const accounts: SegmentPage['accounts'][number][] = [];
    const unreadable: SegmentPage['unreadable'][number][] = [];
    for (const item of joinAccountEntries(items).accounts) {
      const parsed = accountItemSchema.safeParse(item);
      if (!parsed.success) {
        unreadable.push({ accountId: String(item.accountId ?? item.pk), problem: formatZodIssues(parsed.error) });
        continue;
      }
      const { status, override, lastDecision, ...facts } = parsed.data;
      accounts.push({ facts, status, ...(override && { override }), ...(lastDecision && { lastDecision }) });
    }
    return { accounts, unreadable, ...(next && { cursor: next }) };
  }

  /**
   * A change writes its history entry and change record first, then the status item; anything
   * else (a renewal) writes the status item alone. The status write is conditioned on the status
   * the decision was made from, so it lands once: a retry that finds it written gets false, and
   * a retry after a crash before it decides again from the same status and rewrites the same
   * records (puts under keys of the review), which is why no transaction is needed. Two puts, not
   * one BatchWriteItem (the same write units): IAM cannot tell a batch's puts from its deletes,
   * and only the data-rights operator may delete an account's items (docs/data-rights.md).
   */
  async applyDecision(decision: StatusDecision, decidedAt: string, basis?: string): Promise<boolean> {
    const stored = encodeDecision(decision);
    const change = isChange(decision);
    if (change)
      await Promise.all(
        [
          { ...keys.statusHistory(decision.accountId, decision.reviewKey), decision: stored, decidedAt },
          { ...keys.reviewChange(decision.reviewKey, decision.managerId, decision.accountId), decision: stored, expiresAt: expiresAfter(decidedAt, retention.runRecordDays) },
        ].map((Item) => this.client.send(new PutCommand({ TableName: this.tableName, Item }))),
      );
    const summary = { reviewKey: decision.reviewKey, outcome: decision.outcome, decidedAt, change, ...(change && { previous: decision.previous }) };
    const update = updateExpression({ ...statusIndexAttributes(decision.accountId), status: decision.next, lastDecision: summary, decision: stored });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.accountStatus(decision.accountId),
          ...update,
          ...(basis === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'lastDecision.reviewKey = :basis', ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':basis': basis } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async advanceSegment(reviewKey: string, segment: number, expectedPages: number, to: Record<string, unknown> | undefined, page: PageProgress, at: string): Promise<boolean> {
    const names: Record<string, string> = { '#cursor': 'cursor', '#pages': 'pages', '#processed': 'processed', '#failed': 'failed', '#complete': 'scanComplete' };
    const values: Record<string, unknown> = { ':one': 1, ':processed': page.processed, ':failed': page.failed, ':complete': !to, ':at': at };
    if (expectedPages > 0) values[':expected'] = expectedPages;
    const adds = ['#pages :one', '#processed :processed', '#failed :failed'];
    const counters = [
      ...Object.entries(page.outcomes).map(([k, v]) => [`${outcomePrefix}${k}`, v] as const),
      ...Object.entries(page.tiers).map(([k, v]) => [`${tierPrefix}${k}`, v] as const),
    ];
    counters.forEach(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      adds.push(`#c${i} :c${i}`);
    });
    if (to) values[':cursor'] = to;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reviewSegment(reviewKey, segment),
          // The page count is the cursor's version: only the worker that read from it may move it.
          ConditionExpression: expectedPages > 0 ? '#pages = :expected' : 'attribute_not_exists(#pages)',
          UpdateExpression: to
            ? `SET #cursor = :cursor, #complete = :complete, progressAt = :at ADD ${adds.join(', ')}`
            : `SET #complete = :complete, progressAt = :at ADD ${adds.join(', ')} REMOVE #cursor`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async completeSegment(reviewKey: string, segment: number): Promise<'counted' | 'completed-all' | 'already-counted'> {
    try {
      // A set, not a counter: adding a segment twice is refused, and the returned set tells
      // exactly one worker that its segment was the last.
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reviewRun(reviewKey),
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(doneSegments, :segment)',
          UpdateExpression: 'ADD doneSegments :segments',
          ExpressionAttributeValues: { ':segment': segment, ':segments': new Set([segment]) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const done = (result.Attributes?.doneSegments as Set<number> | undefined)?.size ?? 0;
      return done >= Number(result.Attributes?.totalSegments) ? 'completed-all' : 'counted';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'already-counted';
      throw error;
    }
  }

  async completeRun(reviewKey: string, summary: ReviewSummary, completedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reviewRun(reviewKey),
          ConditionExpression: '#state = :running',
          UpdateExpression: 'SET #state = :completed, summary = :summary, completedAt = :at',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':running': 'running', ':completed': 'completed', ':summary': summary, ':at': completedAt },
        }),
      );
      await this.releaseTurn(reviewKey);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A repeat after a crash between the two writes still gives the turn back.
      await this.releaseTurn(reviewKey);
      return false;
    }
  }

  /** Gives the turn back if this review still holds it (a stalled one may have lost it to the next). */
  private async releaseTurn(reviewKey: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reviewTurn(),
          ConditionExpression: 'holder = :k',
          UpdateExpression: 'REMOVE holder, heldSince',
          ExpressionAttributeValues: { ':k': reviewKey },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listSegments(reviewKey: string): Promise<ReviewSegment[]> {
    const items = await queryPrefix(this.client, this.tableName, keys.reviewRun(reviewKey).pk, 'SEGMENT#', { consistent: true });
    return items.map(toSegment);
  }

  async listChanges(reviewKey: string): Promise<StatusDecision[]> {
    // Strongly consistent: the digests are sent right after the last segment wrote its changes.
    const items = await queryPrefix(this.client, this.tableName, keys.reviewRun(reviewKey).pk, 'CHANGE#', { consistent: true });
    return items.map((item) => decodeDecision(item.decision));
  }
}

function toSegment(item: Record<string, unknown> | undefined): ReviewSegment {
  const counts = (prefix: string) =>
    Object.fromEntries(
      Object.entries(item ?? {})
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), Number(v)]),
    );
  return {
    ...(item?.cursor ? { cursor: item.cursor as Record<string, unknown> } : {}),
    pages: Number(item?.pages ?? 0),
    scanComplete: item?.scanComplete === true,
    processed: Number(item?.processed ?? 0),
    failed: Number(item?.failed ?? 0),
    ...(typeof item?.progressAt === 'string' ? { progressAt: item.progressAt } : {}),
    outcomes: counts(outcomePrefix),
    tiers: counts(tierPrefix),
  };
}
