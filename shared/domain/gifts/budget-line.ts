import { formatRub, type Kopecks } from '../money.ts';

/** A month's allocation under one cost item. Invariant: allocated = available + reserved + spent, none negative. */
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

/**
 * One movement of money on a line, as deltas and the two things the line must hold before it:
 * the store turns exactly this into one conditional update (shared/adapters/dynamodb/money-moves.ts),
 * and `applyMove` is the same arithmetic on a line in memory. Available changes by
 * -(reserved + spent), so allocated = available + reserved + spent holds after every move.
 */
export interface MoneyMove {
  readonly reservedDelta: Kopecks;
  readonly spentDelta: Kopecks;
  /** The move takes this much beyond what it frees: the line must have at least this available. */
  readonly needsAvailable: Kopecks;
  /** The move gives back a reservation: the line must hold at least this much reserved. */
  readonly needsReserved: Kopecks;
}

export const moneyMoves = {
  /** A task holds money on the line. */
  reserve(amount: Kopecks): MoneyMove {
    if (!Number.isInteger(amount) || amount <= 0) throw new BudgetRuleError(`a reservation must be a positive number of kopecks (got ${amount})`);
    return { reservedDelta: amount, spentDelta: 0, needsAvailable: amount, needsReserved: 0 };
  },
  /** A done task: its reservation becomes the actual cost; the difference goes back (or, if dearer, must be available). */
  settle(reserved: Kopecks, actual: Kopecks): MoneyMove {
    checkHeld(reserved);
    if (!Number.isInteger(actual) || actual < 0) throw new BudgetRuleError(`an actual cost must be a non-negative number of kopecks (got ${actual})`);
    return { reservedDelta: -reserved, spentDelta: actual, needsAvailable: Math.max(0, actual - reserved), needsReserved: reserved };
  },
  /** A cancelled task gives its reservation back. */
  release(reserved: Kopecks): MoneyMove {
    checkHeld(reserved);
    return { reservedDelta: -reserved, spentDelta: 0, needsAvailable: 0, needsReserved: reserved };
  },
} as const;

export function availableDelta(move: MoneyMove): Kopecks {
  return -(move.reservedDelta + move.spentDelta);
}

/** The move applied to a line in memory, refused (BudgetRuleError) exactly where the store's condition refuses it. */
export function applyMove(line: BudgetLine, move: MoneyMove): BudgetLine {
  if (availableOf(line) < move.needsAvailable)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} has ${formatRub(availableOf(line))} left, ${formatRub(move.needsAvailable)} asked`);
  if (line.reservedKopecks < move.needsReserved)
    throw new BudgetRuleError(`a reservation of ${formatRub(move.needsReserved)} is not held on the line ${line.month} ${line.costItem} (${formatRub(line.reservedKopecks)} reserved)`);
  return { ...line, reservedKopecks: line.reservedKopecks + move.reservedDelta, spentKopecks: line.spentKopecks + move.spentDelta };
}

/** A new allocation may not fall below what is already reserved and spent. */
export function reallocate(line: BudgetLine, allocated: Kopecks): BudgetLine {
  if (allocated < 0) throw new BudgetRuleError('an allocation cannot be negative');
  if (allocated < line.reservedKopecks + line.spentKopecks)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} already has ${formatRub(line.reservedKopecks + line.spentKopecks)} reserved or spent: the allocation can be that or more`);
  return { ...line, allocatedKopecks: allocated };
}

function checkHeld(reserved: Kopecks): void {
  if (!Number.isInteger(reserved) || reserved < 0) throw new BudgetRuleError(`a held reservation must be a non-negative number of kopecks (got ${reserved})`);
}
