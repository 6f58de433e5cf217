import { availableDelta, availableOf, type BudgetLine, type MoneyMove, type OverrunState } from '../../domain/gifts/budget-line.ts';
import type { Kopecks } from '../../domain/money.ts';
import { keys } from './keys.ts';

/**
 * The one place that moves money on a budget line. Every move of the domain (reserve, settle,
 * release: shared/domain/gifts/budget-line.ts) becomes one conditional update whose condition is
 * the move's needs and whose arithmetic is its deltas; a new allocation is the only other write.
 *
 * Lines keep `availableKopecks` (allocated - reserved - spent) as an attribute of its own,
 * because a DynamoDB condition can compare an attribute with a value but cannot add attributes:
 * every reservation is then one conditional write that can never overdraw the line.
 */
export interface LineUpdate {
  readonly Key: Record<string, string>;
  readonly ConditionExpression: string;
  readonly UpdateExpression: string;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** The update of a move, or undefined when it moves nothing (releasing a reservation of 0). */
export function lineMoveUpdate(month: string, costItem: string, move: MoneyMove): LineUpdate | undefined {
  if (move.reservedDelta === 0 && move.spentDelta === 0 && move.needsAvailable === 0) return undefined;
  if (move.overrunDelta) return overrunMoveUpdate(month, costItem, move);
  return {
    Key: keys.budgetLine(month, costItem),
    // attribute_exists: an update must never create a line (a line has an owner and an allocation).
    ConditionExpression: 'attribute_exists(pk) AND availableKopecks >= :needsAvailable AND reservedKopecks >= :needsReserved',
    UpdateExpression: 'SET reservedKopecks = reservedKopecks + :reservedDelta, spentKopecks = spentKopecks + :spentDelta, availableKopecks = availableKopecks + :availableDelta',
    ExpressionAttributeValues: {
      ':needsAvailable': move.needsAvailable,
      ':needsReserved': move.needsReserved,
      ':reservedDelta': move.reservedDelta,
      ':spentDelta': move.spentDelta,
      ':availableDelta': availableDelta(move),
    },
  };
}

/** An overrun settle: takes exactly the available amount it was computed from; the rest becomes a pending overrun. */
function overrunMoveUpdate(month: string, costItem: string, move: MoneyMove): LineUpdate {
  return {
    Key: keys.budgetLine(month, costItem),
    ConditionExpression: 'attribute_exists(pk) AND availableKopecks = :exactAvailable AND reservedKopecks >= :needsReserved',
    UpdateExpression:
      'SET reservedKopecks = reservedKopecks + :reservedDelta, spentKopecks = spentKopecks + :spentDelta, availableKopecks = availableKopecks + :availableDelta, overrunPendingKopecks = if_not_exists(overrunPendingKopecks, :zero) + :overrunDelta',
    ExpressionAttributeValues: {
      ':exactAvailable': move.exactAvailable ?? move.needsAvailable,
      ':needsReserved': move.needsReserved,
      ':reservedDelta': move.reservedDelta,
      ':spentDelta': move.spentDelta,
      ':availableDelta': availableDelta(move),
      ':overrunDelta': move.overrunDelta ?? 0,
      ':zero': 0,
    },
  };
}

/** The owner decided a pending overrun: it moves from pending to approved or declined; nothing else changes. */
export function overrunDecisionUpdate(month: string, costItem: string, amount: Kopecks, decision: Exclude<OverrunState, 'pending'>): LineUpdate {
  const to = decision === 'approved' ? 'overrunApprovedKopecks' : 'overrunDeclinedKopecks';
  return {
    Key: keys.budgetLine(month, costItem),
    ConditionExpression: 'attribute_exists(pk) AND overrunPendingKopecks >= :amount',
    UpdateExpression: `SET overrunPendingKopecks = overrunPendingKopecks - :amount, ${to} = if_not_exists(${to}, :zero) + :amount`,
    ExpressionAttributeValues: { ':amount': amount, ':zero': 0 },
  };
}

/** The owner raised the line from a link: allocated and available grow by the same amount. */
export function raiseUpdate(month: string, costItem: string, amount: Kopecks): LineUpdate {
  return {
    Key: keys.budgetLine(month, costItem),
    ConditionExpression: 'attribute_exists(pk) AND attribute_exists(availableKopecks)',
    UpdateExpression: 'SET allocatedKopecks = allocatedKopecks + :amount, availableKopecks = availableKopecks + :amount',
    ExpressionAttributeValues: { ':amount': amount },
  };
}

/** A new line: nothing reserved or spent yet. */
export function newLineItem(line: BudgetLine): Record<string, unknown> {
  return { ...keys.budgetLine(line.month, line.costItem), ...line, reservedKopecks: 0, spentKopecks: 0, availableKopecks: line.allocatedKopecks };
}

/**
 * A new allocation of a line read as `current`: optimistic, so a move landing between the read
 * and this write makes it fail (and the caller read again). Reserved and spent are written back
 * as read, so a line written before they existed gets them.
 */
export function reallocationUpdate(current: BudgetLine, next: BudgetLine): LineUpdate {
  return {
    Key: keys.budgetLine(current.month, current.costItem),
    ConditionExpression:
      'allocatedKopecks = :old AND (attribute_not_exists(reservedKopecks) OR reservedKopecks = :reserved) AND (attribute_not_exists(spentKopecks) OR spentKopecks = :spent)',
    UpdateExpression: 'SET allocatedKopecks = :new, reservedKopecks = :reserved, spentKopecks = :spent, availableKopecks = :available, ownerEmail = :owner',
    ExpressionAttributeValues: {
      ':old': current.allocatedKopecks,
      ':reserved': current.reservedKopecks,
      ':spent': current.spentKopecks,
      ':new': next.allocatedKopecks,
      ':available': availableOf(next),
      ':owner': next.ownerEmail,
    },
  };
}

export function toBudgetLine(item: Record<string, unknown>): BudgetLine {
  return {
    month: String(item.month),
    costItem: String(item.costItem),
    ownerEmail: String(item.ownerEmail),
    allocatedKopecks: Number(item.allocatedKopecks ?? 0),
    reservedKopecks: Number(item.reservedKopecks ?? 0),
    spentKopecks: Number(item.spentKopecks ?? 0),
    ...(item.overrunPendingKopecks !== undefined && { overrunPendingKopecks: Number(item.overrunPendingKopecks) }),
    ...(item.overrunApprovedKopecks !== undefined && { overrunApprovedKopecks: Number(item.overrunApprovedKopecks) }),
    ...(item.overrunDeclinedKopecks !== undefined && { overrunDeclinedKopecks: Number(item.overrunDeclinedKopecks) }),
  };
}
