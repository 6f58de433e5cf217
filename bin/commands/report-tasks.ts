import { Command, Option } from 'commander';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { requireKnownManager } from '../known-names.ts';
import { amount, formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

export function tasksCommand(globals: () => GlobalOptions): Command {
  return new Command('tasks')
    .description('gift tasks, by manager and state')
    .option('--manager <manager_id>', "only this manager's tasks")
    .addOption(new Option('--status <state>', 'only tasks in this state').choices(['open', 'awaiting-budget', 'done', 'cancelled']))
    .addOption(formatOption())
    .action(async (options: { manager?: string; status?: string; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const tasks = await withTarget(globals(), async (t) => {
        await requireKnownManager(t, options.manager);
        return new DynamoGiftStore(t.documents, t.tableName).listTasks(options.manager);
      });
      const rows = tasks
        .filter((t) => !options.status || t.state === options.status)
        .sort((a, b) => a.occasionDate.localeCompare(b.occasionDate) || a.taskId.localeCompare(b.taskId))
        .map((t) => ({
          task_id: t.taskId,
          manager_id: t.managerId,
          account_id: t.accountId,
          occasion: t.occasionKind,
          date: t.occasionDate,
          issued: t.issueDate,
          gift: t.giftId,
          reserved: amount(t.reservedKopecks),
          actual: t.actualKopecks === undefined ? '' : amount(t.actualKopecks),
          // Spent beyond what the line had left, and what its owner decided.
          overrun: t.overrunKopecks ? amount(t.overrunKopecks) : '',
          overrun_state: t.overrunKopecks ? (t.overrunState ?? 'pending') : '',
          state: t.state,
        }));
      printReport(format, rows, { footer: `${rows.length} task(s)` });
    });
}
