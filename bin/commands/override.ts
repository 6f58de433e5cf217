import { userInfo } from 'node:os';
import { Argument, Command } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import type { StatusOverride } from '../../shared/domain/account.ts';
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
      if (action !== 'clear' && !options.reason?.trim()) throw new Error(`override ${action} needs --reason TEXT`);
      const at = new Date().toISOString();
      const by = options.by ?? userInfo().username;
      const override: StatusOverride | undefined =
        action === 'clear' ? undefined : { kind: action, reason: options.reason!.trim(), by, at, ...(options.until && { until: options.until }) };
      await withTarget(globals(), (target) => new StatusQueries(target.documents, target.tableName).setOverride(accountId, override, { by, at }));
      if (globals().json) return printJson({ accountId, override: override ?? null });
      console.log(
        override
          ? `${accountId}: ${action}d by ${by}${override.until ? ` until ${override.until}` : ''} (${override.reason}); takes effect at the next review`
          : `${accountId}: override cleared by ${by}`,
      );
    });
}
