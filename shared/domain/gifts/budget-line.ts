import type { Kopecks } from '../money.ts';

/** A month's allocation under one cost item. Invariant: reserved + spent <= allocated. */
export interface BudgetLine {
  readonly month: string;
  readonly costItem: string;
  readonly ownerEmail: string;
  readonly allocatedKopecks: Kopecks;
  readonly reservedKopecks: Kopecks;
  readonly spentKopecks: Kopecks;
}

export function availableOf(line: Pick<BudgetLine, 'allocatedKopecks' | 'reservedKopecks' | 'spentKopecks'>): Kopecks {
  return line.allocatedKopecks - line.reservedKopecks - line.spentKopecks;
}

export class BudgetRuleError extends Error {
  override readonly name = 'BudgetRuleError';
}

export function reserve(line: BudgetLine, amount: Kopecks): BudgetLine {
  if (amount <= 0) throw new BudgetRuleError('a reservation must be positive');
  if (amount > availableOf(line)) throw new BudgetRuleError(`the line ${line.month} ${line.costItem} has ${availableOf(line)} kopecks left, ${amount} asked`);
  return { ...line, reservedKopecks: line.reservedKopecks + amount };
}

/** A done task: its reservation becomes the actual cost; the difference goes back (or, if dearer, must be available). */
export function settle(line: BudgetLine, reserved: Kopecks, actual: Kopecks): BudgetLine {
  if (actual < 0) throw new BudgetRuleError('an actual cost cannot be negative');
  checkReservation(line, reserved);
  const extra = actual - reserved;
  if (extra > availableOf(line)) throw new BudgetRuleError(`the actual cost exceeds the reservation by ${extra} kopecks and the line has ${availableOf(line)} left`);
  return { ...line, reservedKopecks: line.reservedKopecks - reserved, spentKopecks: line.spentKopecks + actual };
}

export function release(line: BudgetLine, reserved: Kopecks): BudgetLine {
  checkReservation(line, reserved);
  return { ...line, reservedKopecks: line.reservedKopecks - reserved };
}

/** A new allocation may not fall below what is already reserved and spent. */
export function reallocate(line: BudgetLine, allocated: Kopecks): BudgetLine {
  if (allocated < 0) throw new BudgetRuleError('an allocation cannot be negative');
  if (allocated < line.reservedKopecks + line.spentKopecks)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} already has ${line.reservedKopecks + line.spentKopecks} kopecks reserved or spent`);
  return { ...line, allocatedKopecks: allocated };
}

function checkReservation(line: BudgetLine, reserved: Kopecks): void {
  if (reserved < 0 || reserved > line.reservedKopecks)
    throw new BudgetRuleError(`a reservation of ${reserved} kopecks is not held on the line ${line.month} ${line.costItem} (${line.reservedKopecks} reserved)`);
}
