import { formatRub, type Kopecks } from '../money.ts';

/**
 * A month's allocation under one cost item. Invariant: allocated + overrun = available + reserved
 * + spent, none negative, where overrun (pending + approved + declined) is what done tasks cost
 * beyond what the line had left: recorded, never silent, and decided by the line's owner.
 */
export interface BudgetLine {
  readonly month: string;
  readonly costItem: string;
  readonly ownerEmail: string;
  readonly allocatedKopecks: Kopecks;
  readonly reservedKopecks: Kopecks;
  readonly spentKopecks: Kopecks;
  /** Overruns waiting for the owner's decision; absent = 0. */
  readonly overrunPendingKopecks?: Kopecks;
  readonly overrunApprovedKopecks?: Kopecks;
  readonly overrunDeclinedKopecks?: Kopecks;
}

export type OverrunState = 'pending' | 'approved' | 'declined';

/** Every overrun of the line, whatever its owner decided: spending beyond the allocation. */
export function overrunOf(line: Pick<BudgetLine, 'overrunPendingKopecks' | 'overrunApprovedKopecks' | 'overrunDeclinedKopecks'>): Kopecks {
  return (line.overrunPendingKopecks ?? 0) + (line.overrunApprovedKopecks ?? 0) + (line.overrunDeclinedKopecks ?? 0);
}

export function availableOf(line: Pick<BudgetLine, 'allocatedKopecks' | 'reservedKopecks' | 'spentKopecks' | 'overrunPendingKopecks' | 'overrunApprovedKopecks' | 'overrunDeclinedKopecks'>): Kopecks {
  return line.allocatedKopecks + overrunOf(line) - line.reservedKopecks - line.spentKopecks;
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
  /** Spending beyond what the line has: added to its pending overrun (an overrun settle only). */
  readonly overrunDelta?: Kopecks;
  /** The available amount the move was computed from, which it must still be (an overrun takes exactly all of it). */
  readonly exactAvailable?: Kopecks;
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
  /**
   * A done task dearer than its reservation plus everything left on the line: the gift is bought,
   * so the cost is recorded all the same. The line gives all it has left (`available`, exactly as
   * read) and the rest becomes a pending overrun for its owner to approve or decline.
   */
  settleOverrun(reserved: Kopecks, actual: Kopecks, available: Kopecks): MoneyMove {
    checkHeld(reserved);
    checkHeld(available);
    const overrun = actual - reserved - available;
    if (!Number.isInteger(actual) || overrun <= 0) throw new BudgetRuleError(`an overrun needs a cost above the reservation and what is left (got ${actual}, ${reserved} + ${available})`);
    return { reservedDelta: -reserved, spentDelta: actual, needsAvailable: available, needsReserved: reserved, overrunDelta: overrun, exactAvailable: available };
  },
  /** A cancelled task gives its reservation back. */
  release(reserved: Kopecks): MoneyMove {
    checkHeld(reserved);
    return { reservedDelta: -reserved, spentDelta: 0, needsAvailable: 0, needsReserved: reserved };
  },
} as const;

export function availableDelta(move: MoneyMove): Kopecks {
  return (move.overrunDelta ?? 0) - (move.reservedDelta + move.spentDelta);
}

/** The move applied to a line in memory, refused (BudgetRuleError) exactly where the store's condition refuses it. */
export function applyMove(line: BudgetLine, move: MoneyMove): BudgetLine {
  if (availableOf(line) < move.needsAvailable)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} has ${formatRub(availableOf(line))} left, ${formatRub(move.needsAvailable)} asked`);
  if (line.reservedKopecks < move.needsReserved)
    throw new BudgetRuleError(`a reservation of ${formatRub(move.needsReserved)} is not held on the line ${line.month} ${line.costItem} (${formatRub(line.reservedKopecks)} reserved)`);
  if (move.exactAvailable !== undefined && availableOf(line) !== move.exactAvailable)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} has ${formatRub(availableOf(line))} left, not the ${formatRub(move.exactAvailable)} the overrun was computed from`);
  return {
    ...line,
    reservedKopecks: line.reservedKopecks + move.reservedDelta,
    spentKopecks: line.spentKopecks + move.spentDelta,
    ...(move.overrunDelta && { overrunPendingKopecks: (line.overrunPendingKopecks ?? 0) + move.overrunDelta }),
  };
}

/** A new allocation may not fall below what is already reserved and spent. */
export function reallocate(line: BudgetLine, allocated: Kopecks): BudgetLine {
  if (allocated < 0) throw new BudgetRuleError('an allocation cannot be negative');
  if (allocated + overrunOf(line) < line.reservedKopecks + line.spentKopecks)
    throw new BudgetRuleError(`the line ${line.month} ${line.costItem} already has ${formatRub(line.reservedKopecks + line.spentKopecks - overrunOf(line))} reserved or spent: the allocation can be that or more`);
  return { ...line, allocatedKopecks: allocated };
}

function checkHeld(reserved: Kopecks): void {
  if (!Number.isInteger(reserved) || reserved < 0) throw new BudgetRuleError(`a held reservation must be a non-negative number of kopecks (got ${reserved})`);
}
