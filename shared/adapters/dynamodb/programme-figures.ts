import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProgrammeFigures } from '../../ports/dashboard-source.ts';
import type { ProgrammeSource } from '../../ports/dashboard-source.ts';
import { batchGet } from './batch-get.ts';
import { keys } from './keys.ts';

/**
 * The programme beside the scores, from figures the other workflows keep anyway: VIP accounts by
 * tier from the latest completed yearly status review's summary (its RUN item), and the gift
 * budget line of each month of the year. 2 + 12 small items, whatever the size of the base.
 */
export class DynamoProgrammeFigures implements ProgrammeSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly costItem: string,
  ) {}

  async programme(year: number): Promise<ProgrammeFigures> {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const [tiers, lines] = await Promise.all([this.vipByTier(year), batchGet(this.client, this.tableName, months.map((m) => keys.budgetLine(m, this.costItem)))]);
    const byMonth = new Map(lines.map((line) => [String(line.month), line]));
    return {
      vipByTier: tiers,
      giftSpending: months.map((month) => {
        const line = byMonth.get(month);
        const rub = (field: string) => Number(line?.[field] ?? 0) / 100;
        return { month, allocatedRub: rub('allocatedKopecks'), reservedRub: rub('reservedKopecks'), spentRub: rub('spentKopecks') };
      }),
    };
  }

  /** The year's review, or the year before when this year's has not completed yet. */
  private async vipByTier(year: number): Promise<ProgrammeFigures['vipByTier']> {
    for (const reviewYear of [year, year - 1]) {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.reviewRun(`yearly-${reviewYear}`), ProjectionExpression: '#s, summary', ExpressionAttributeNames: { '#s': 'state' } }));
      const tiers = Item?.state === 'completed' ? (Item.summary as { tiers?: Record<string, number> } | undefined)?.tiers : undefined;
      if (tiers) return Object.entries(tiers).map(([tier, accounts]) => ({ tier, accounts: Number(accounts) }));
    }
    return [];
  }
}
