import type { BudgetLine } from '../../../domain/gifts/budget-line.ts';
import type { GiftStore } from '../../../ports/gift-store.ts';

/** The budget lines one run has read, with what it reserved on them since; `fresh` reads again. */
export class LineCache {
  private readonly lines = new Map<string, BudgetLine | undefined>();
  constructor(
    private readonly store: GiftStore,
    private readonly costItem: string,
  ) {}

  async get(month: string, fresh = false): Promise<BudgetLine | undefined> {
    if (fresh || !this.lines.has(month)) this.lines.set(month, await this.store.budgetLine(month, this.costItem));
    return this.lines.get(month);
  }

  reserved(month: string, amount: number): void {
    const line = this.lines.get(month);
    if (line) this.lines.set(month, { ...line, reservedKopecks: line.reservedKopecks + amount });
  }
}
