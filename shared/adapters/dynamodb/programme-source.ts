import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProgrammeFigures } from '../../domain/scores/standards-review.ts';
import type { ProgrammeSource } from '../../ports/standards-review.ts';
import { DynamoBudgetStore } from './budget-store.ts';
import { DynamoGiftStore } from './gift-store.ts';
import { DynamoReviewStore } from './review-store.ts';
import { StatusQueries } from './status-queries.ts';

/**
 * The VIP programme's figures for the review, from the stores the status and gift reports read:
 * the accounts index (VIP by tier), the year's status review changes, the gift tasks and the
 * budget lines. Once a quarter, proportional to accounts and tasks, never to survey answers.
 */
export class DynamoProgrammeSource implements ProgrammeSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly costItem: string,
  ) {}

  async figures(year: number): Promise<ProgrammeFigures> {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const reviews = new DynamoReviewStore(this.client, this.tableName);
    const [accounts, changes, tasks, lines] = await Promise.all([
      new StatusQueries(this.client, this.tableName).listAccounts({}),
      Promise.all([`yearly-${year}`, ...months.map((m) => `admission-${m}`)].map((key) => reviews.listChanges(key))),
      new DynamoGiftStore(this.client, this.tableName).listTasks(),
      new DynamoBudgetStore(this.client, this.tableName).listLines(months),
    ]);
    const vip = countBy(accounts.filter((a) => a.status.vip && a.status.tier).map((a) => a.status.tier!));
    const outcomes = countBy(changes.flat().map((d) => d.outcome));
    const gifts = new Map<string, { spentKopecks: number; reservedKopecks: number }>();
    for (const task of tasks) {
      if (!task.budgetMonth.startsWith(`${year}-`)) continue;
      const entry = gifts.get(task.tier) ?? { spentKopecks: 0, reservedKopecks: 0 };
      if (task.state === 'done') entry.spentKopecks += task.actualKopecks ?? 0;
      else if (task.state === 'open') entry.reservedKopecks += task.reservedKopecks;
      gifts.set(task.tier, entry);
    }
    return {
      year,
      vipByTier: [...vip].map(([tier, accounts]) => ({ tier, accounts })),
      statusChanges: [...outcomes].map(([outcome, count]) => ({ outcome, count })),
      giftsByTier: [...gifts].sort(([a], [b]) => a.localeCompare(b)).map(([tier, g]) => ({ tier, ...g })),
      budgetKopecks: lines.filter((l) => l.costItem === this.costItem).reduce((sum, l) => sum + l.allocatedKopecks, 0),
    };
  }
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of [...values].sort()) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
