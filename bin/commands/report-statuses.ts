import { Command, Option } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { resolveConfig, withTarget, type GlobalOptions } from '../cli-context.ts';
import { requireKnownManager, requireKnownTier } from '../known-names.ts';
import { printCsv, printJson, printTable } from '../output.ts';

export function statusesCommand(globals: () => GlobalOptions): Command {
  return new Command('statuses')
    .description('VIP accounts with their tier and validity')
    .option('--tier <tier>', 'only this tier')
    .option('--manager <manager_id>', "only this manager's accounts")
    .option('--all', 'include accounts that are not VIP')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (options: { tier?: string; manager?: string; all?: boolean; format: 'table' | 'csv' | 'json' }) => {
      requireKnownTier(resolveConfig(globals()), options.tier);
      const accounts = await withTarget(globals(), async (target) => {
        await requireKnownManager(target, options.manager);
        return new StatusQueries(target.documents, target.tableName).listAccounts({ ...(options.manager && { managerId: options.manager }) });
      });
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
      const format = globals().json ? 'json' : options.format;
      if (format === 'json') printJson(rows);
      else if (format === 'csv') printCsv(rows);
      else {
        printTable(rows);
        console.log(`${rows.length} account(s)`);
      }
    });
}
