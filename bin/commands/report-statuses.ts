import { Command } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';

export function statusesCommand(globals: () => GlobalOptions): Command {
  return new Command('statuses')
    .description('VIP accounts with their tier and validity')
    .option('--tier <tier>', 'only this tier')
    .option('--manager <manager_id>', "only this manager's accounts")
    .option('--all', 'include accounts that are not VIP')
    .addOption(formatOption())
    .action(async (options: { tier?: string; manager?: string; all?: boolean; format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const accounts = await withTarget(globals(), (target) =>
        new StatusQueries(target.documents, target.tableName).listAccounts({ ...(options.manager && { managerId: options.manager }) }),
      );
      const rows = accounts
        .filter((a) => (options.all || a.status.vip) && (!options.tier || a.status.tier === options.tier))
        .map((a) => ({
          account_id: a.accountId,
          name: a.name ?? '',
          manager_id: a.managerId,
          vip: a.status.vip ? 'yes' : 'no',
          tier: a.status.tier ?? '',
          valid_until: a.status.validUntil ?? '',
          since: a.status.since ?? '',
          last_decision: a.lastDecision ? `${a.lastDecision.reviewKey} ${a.lastDecision.outcome}` : '',
          override: a.override ? a.override.kind : '',
        }));
      printReport(format, rows, { footer: `${rows.length} account(s)` });
    });
}
