import { Command, Option } from 'commander';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { formatRub } from '../../shared/domain/money.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { requireKnownManager } from '../known-names.ts';
import { printCsv, printJson, printTable } from '../output.ts';

export function tasksCommand(globals: () => GlobalOptions): Command {
  return new Command('tasks')
    .description('gift tasks, by manager and state')
    .option('--manager <manager_id>', "only this manager's tasks")
    .addOption(new Option('--status <state>', 'only tasks in this state').choices(['open', 'awaiting-budget', 'done', 'cancelled']))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (options: { manager?: string; status?: string; format: 'table' | 'csv' | 'json' }) => {
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
          reserved: formatRub(t.reservedKopecks),
          actual: t.actualKopecks === undefined ? '' : formatRub(t.actualKopecks),
          state: t.state,
        }));
      const format = globals().json ? 'json' : options.format;
      if (format === 'json') printJson(rows);
      else if (format === 'csv') printCsv(rows);
      else {
        printTable(rows);
        console.log(`${rows.length} task(s)`);
      }
    });
}
