import { availableDelta, type BudgetLine, type MoneyMove } from '../../domain/gifts/budget-line.ts';
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
      ':available': next.allocatedKopecks - next.reservedKopecks - next.spentKopecks,
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
  };
}
