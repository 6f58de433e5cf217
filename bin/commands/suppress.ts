import { Command } from 'commander';
import { emailHash } from '../../shared/adapters/crypto/digests.ts';
import { DynamoSurveyStore } from '../../shared/adapters/dynamodb/survey-store.ts';
import { liftSuppression, parseAddress, suppressByOperator } from '../../shared/use-cases/surveys/operator-suppression.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { formatOption, outputFormat, printReport, type OutputFormat } from '../format.ts';
import { printJson } from '../output.ts';

export function suppressCommand(globals: () => GlobalOptions): Command {
  const suppress = new Command('suppress').description('addresses the programme never mails (bounces, complaints, unsubscribes, operator)');
  suppress
    .command('add')
    .description('stop every programme mail to an address until it is removed')
    .argument('<email>', 'the address')
    .action(async (email: string) => {
      parseAddress(email);
      const result = await withTarget(globals(), (t) => suppressByOperator(email, new DynamoSurveyStore(t.documents, t.tableName), emailHash, new Date()));
      if (globals().json) return printJson(result);
      console.log(result.added ? 'suppressed' : `already suppressed (${result.suppression.reason}, since ${result.suppression.at})`);
    });
  suppress
    .command('remove')
    .description('lift the suppression of an address')
    .argument('<email>', 'the address')
    .action(async (email: string) => {
      parseAddress(email);
      const removed = await withTarget(globals(), (t) => liftSuppression(email, new DynamoSurveyStore(t.documents, t.tableName), emailHash));
      if (globals().json) return printJson({ removed });
      console.log(removed ? 'suppression removed: the programme may mail this address again' : 'this address was not suppressed');
    });
  suppress
    .command('list')
    .description('suppressed addresses with their reason')
    .addOption(formatOption())
    .action(async (options: { format?: OutputFormat }) => {
      const format = outputFormat(options, globals());
      const list = await withTarget(globals(), (t) => new DynamoSurveyStore(t.documents, t.tableName).list());
      const rows = list.sort((a, b) => a.at.localeCompare(b.at)).map((s) => ({ email: s.email ?? `(forgotten; sha256 ${s.emailHash.slice(0, 12)}…)`, reason: s.reason, since: s.at }));
      printReport(format, rows, { footer: `${rows.length} address(es)` });
    });
  return suppress;
}
