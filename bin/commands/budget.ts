import { Command, InvalidArgumentError } from 'commander';
import { DynamoBudgetStore } from '../../shared/adapters/dynamodb/budget-store.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { isRealMonth } from '../../shared/domain/calendar-date.ts';
import { availableOf, type BudgetLine } from '../../shared/domain/gifts/budget-line.ts';
import { observedQuarterShares, planBudget, quarterShares } from '../../shared/domain/gifts/budget-plan.ts';
import { formatRub, parseRubAmount } from '../../shared/domain/money.ts';
import { amount, formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson, printTable } from '../output.ts';

const parseMonth = (v: string) => {
  if (!isRealMonth(v)) throw new InvalidArgumentError('expected a month YYYY-MM');
  return v;
};
const parseYear = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('expected a year YYYY');
  return Number(v);
};
const parseAmount = (v: string) => {
  const amount = parseRubAmount(v);
  if (amount === undefined || amount < 0) throw new InvalidArgumentError('expected a non-negative amount in roubles, e.g. 150000 or 150000.50');
  return amount;
};
const quarterKopecks = (perMonth: readonly number[]) => quarterShares(perMonth).map((q) => q.total);

/** A budget line as JSON: the names budgets.csv gives its columns, amounts in kopecks. */
function budgetLineJson(line: BudgetLine) {
  return { month: line.month, cost_item: line.costItem, amount_kopecks: line.allocatedKopecks, owner_email: line.ownerEmail, reserved_kopecks: line.reservedKopecks, spent_kopecks: line.spentKopecks, available_kopecks: availableOf(line) };
}
const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function budgetCommand(globals: () => GlobalOptions): Command {
  const budget = new Command('budget').description('monthly budget lines for gifts');
  budget
    .command('set')
    .description("set a month's allocation under a cost item (never below what is already reserved and spent)")
    .argument('<month>', 'YYYY-MM', parseMonth)
    .argument('<cost_item>', 'cost item, e.g. vip-gifts')
    .argument('<amount_rub>', 'allocation in roubles', parseAmount)
    .option('--owner <email>', "the line's owner (required for a new line)")
    .action(async (month: string, costItem: string, amount: number, options: { owner?: string }) => {
      const line = await withTarget(globals(), (t) => new DynamoBudgetStore(t.documents, t.tableName).setAllocation(month, costItem, amount, options.owner));
      if (globals().json) return printJson(budgetLineJson(line));
      console.log(`${month} ${costItem}: allocated ${formatRub(line.allocatedKopecks)}, reserved ${formatRub(line.reservedKopecks)}, spent ${formatRub(line.spentKopecks)}, available ${formatRub(availableOf(line))}`);
    });
  budget
    .command('plan')
    .description("forecast a year's need per month from the calendar of occasions and the catalogue prices, beside the allocation")
    .requiredOption('--year <year>', 'YYYY', parseYear)
    .action(async (options: { year: number }) => {
      const { need, lines } = await withTarget(globals(), async (t) => {
        const gifts = new DynamoGiftStore(t.documents, t.tableName);
        const occasions = await gifts.allOccasions();
        const accounts = await gifts.accounts(occasions.map((o) => o.accountId));
        const statuses = new Map([...accounts].map(([id, a]) => [id, a.status]));
        return {
          need: planBudget(occasions, statuses, t.config.giftTasks, options.year),
          lines: await new DynamoBudgetStore(t.documents, t.tableName).listLines(monthsOf(options.year)),
        };
      });
      const allocated = (month: string) => lines.filter((l) => l.month === month).reduce((s, l) => s + l.allocatedKopecks, 0);
      const rows = need.map((m) => ({ month: m.month, occasions: m.occasions, need: formatRub(m.needKopecks), allocated: formatRub(allocated(m.month)), gap: formatRub(allocated(m.month) - m.needKopecks) }));
      const quarters = quarterShares(need.map((m) => m.occasions)).map((q, i) => ({
        quarter: `Q${q.quarter}`,
        occasions: q.total,
        share: percent(q.share),
        observed: percent(observedQuarterShares[i]!),
        need: formatRub(quarterShares(need.map((m) => m.needKopecks))[i]!.total),
        allocated: formatRub(quarterShares(monthsOf(options.year).map(allocated))[i]!.total),
      }));
      if (globals().json)
        return printJson({
          months: need.map((m) => ({ month: m.month, occasions: m.occasions, need_kopecks: m.needKopecks, allocated_kopecks: allocated(m.month), gap_kopecks: allocated(m.month) - m.needKopecks })),
          quarters: quarters.map((q, i) => ({ quarter: q.quarter, occasions: q.occasions, share: quarterShares(need.map((m) => m.occasions))[i]!.share, observed: observedQuarterShares[i]!, need_kopecks: quarterKopecks(need.map((m) => m.needKopecks))[i]!, allocated_kopecks: quarterKopecks(monthsOf(options.year).map(allocated))[i]! })),
        });
      printTable(rows);
      console.log('');
      printTable(quarters);
    });
  return budget;
}

/** Spending beyond the allocation, by what the owner decided: never silent in the report. */
export function overrunText(line: BudgetLine): string {
  const parts = [
    ['pending', line.overrunPendingKopecks],
    ['approved', line.overrunApprovedKopecks],
    ['declined', line.overrunDeclinedKopecks],
  ] as const;
  return parts
    .filter(([, amount]) => (amount ?? 0) > 0)
    .map(([state, amount]) => `${formatRub(amount!)} ${state}`)
    .join('; ');
}

export function budgetReportCommand(globals: () => GlobalOptions): Command {
  return new Command('budget')
    .description('budget lines of a year: allocated, reserved, spent, available, overruns (pending/approved/declined), by month and quarter')
    .requiredOption('--year <year>', 'YYYY', parseYear)
    .addOption(formatOption())
    .action(async (options: { year: number; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const lines = await withTarget(globals(), (t) => new DynamoBudgetStore(t.documents, t.tableName).listLines(monthsOf(options.year)));
      // The columns budgets.csv imports come first, named as it names them: the CSV can be imported again.
      const rows = lines.map((l) => ({
        month: l.month,
        cost_item: l.costItem,
        amount: amount(l.allocatedKopecks),
        owner_email: l.ownerEmail,
        reserved: amount(l.reservedKopecks),
        spent: amount(l.spentKopecks),
        available: amount(availableOf(l)),
        overrun_pending: amount(l.overrunPendingKopecks ?? 0),
        overrun_approved: amount(l.overrunApprovedKopecks ?? 0),
        overrun_declined: amount(l.overrunDeclinedKopecks ?? 0),
      }));
      printReport(format, rows);
      if (format !== 'table') return;
      // Overruns in words, by what the owner decided (the columns hold the amounts).
      for (const l of lines) if (overrunText(l)) console.log(`overrun ${l.month} ${l.costItem}: ${overrunText(l)}`);
      const byMonth = monthsOf(options.year).map((m) => lines.filter((l) => l.month === m).reduce((s, l) => s + l.allocatedKopecks, 0));
      console.log('');
      printTable(quarterShares(byMonth).map((q, i) => ({ quarter: `Q${q.quarter}`, allocated: formatRub(q.total), share: percent(q.share), observed: percent(observedQuarterShares[i]!) })));
    });
}
