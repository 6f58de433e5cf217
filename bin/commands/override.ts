import { userInfo } from 'node:os';
import { Argument, Command } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { overrideOf, setOverride } from '../../shared/use-cases/status-review/set-override.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { parseDate } from '../arguments.ts';
import { printJson } from '../output.ts';

export function overrideCommand(globals: () => GlobalOptions): Command {
  return new Command('override')
    .description('exclude an account from the programme (never granted while it lasts) or include one the rules would not admit; "clear" removes it')
    .addArgument(new Argument('<action>', 'what to do').choices(['exclude', 'include', 'clear']))
    .argument('<account_id>', 'the account')
    .option('--reason <text>', 'why (required for exclude and include); kept in the history')
    .option('--until <date>', 'last day the override holds, YYYY-MM-DD (default: until cleared)', parseDate)
    .option('--by <name>', 'who decided (default: the current user)')
    .action(async (action: 'exclude' | 'include' | 'clear', accountId: string, options: { reason?: string; until?: string; by?: string }) => {
      const by = options.by ?? userInfo().username;
      const command = { action, accountId, by, at: new Date(), ...(options.reason !== undefined && { reason: options.reason }), ...(options.until && { until: options.until }) };
      overrideOf(command); // a missing reason is refused before any stack starts
      const override = await withTarget(globals(), (target) => setOverride(command, { overrides: new StatusQueries(target.documents, target.tableName) }));
      if (globals().json) return printJson({ accountId, override: override ?? null });
      console.log(
        override
          ? `${accountId}: ${action}d by ${by}${override.until ? ` until ${override.until}` : ''} (${override.reason}); takes effect at the next review`
          : `${accountId}: override cleared by ${by}`,
      );
    });
}
