import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvitationState } from '../../domain/surveys/invitation.ts';
import { nextQuarter, quarterOf, type QuarterKey } from '../../domain/surveys/quarter.ts';
import { waveFigures, type WaveFigures } from '../../domain/surveys/wave-figures.ts';
import { mailIdOf } from '../crypto/digests.ts';
import type { StoredWave } from '../../ports/survey-store.ts';
import { batchGet } from './batch-get.ts';
import { keys } from './keys.ts';
import { outboxKey } from './outbox-items.ts';
import { queryAll } from './query-all.ts';
import { DynamoSurveyStore } from './survey-store.ts';

export interface WaveReportRow extends WaveFigures {
  readonly wave: StoredWave;
}

/**
 * How far back and ahead `vip report survey-waves` looks without --quarter (ahead, because a local
 * simulation runs years into the future): waves are found by key, 40 quarters in one BatchGet, never by a scan.
 */
const yearsListed = 5;

/**
 * The figures of survey waves: one Query of each wave's invitations (state and mail only) and a
 * BatchGet of their outbox records' state. An operator's report, read on demand.
 */
export class DynamoSurveyReport {
  private readonly store: DynamoSurveyStore;
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.store = new DynamoSurveyStore(client, tableName);
  }

  /** The waves of the given quarters, or of five years either side of today. */
  async report(quarters: readonly QuarterKey[] | undefined, today: string): Promise<WaveReportRow[]> {
    const waves = await this.store.waves(quarters ?? recentQuarters(today));
    const rows: WaveReportRow[] = [];
    for (const wave of waves) rows.push({ wave, ...(await this.figures(wave)) });
    return rows;
  }

  private async figures(wave: StoredWave): Promise<WaveFigures> {
    const invitations = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :invite)',
      ExpressionAttributeValues: { ':pk': keys.surveyWave(wave.waveKey).pk, ':invite': 'INVITE#' },
      ProjectionExpression: '#state, accountId, contactId',
      ExpressionAttributeNames: { '#state': 'state' },
    });
    const states: Partial<Record<InvitationState, number>> = {};
    for (const i of invitations) states[i.state as InvitationState] = (states[i.state as InvitationState] ?? 0) + 1;
    const mails = await batchGet(
      this.client,
      this.tableName,
      invitations.map((i) => outboxKey(mailIdOf(`survey-invitation/${wave.waveKey}/${String(i.accountId)}/${String(i.contactId)}`))),
      { ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } },
    );
    return waveFigures(states, mails.filter((m) => m.state === 'sent').length, wave.skipped?.suppressed ?? 0);
  }
}

function recentQuarters(today: string): QuarterKey[] {
  const year = Number(today.slice(0, 4));
  const last = quarterOf(`${year + yearsListed}-12-31`);
  const quarters: QuarterKey[] = [];
  for (let q = quarterOf(`${year - yearsListed}-01-01`); q !== last; q = nextQuarter(q)) quarters.push(q);
  return [...quarters, last];
}
