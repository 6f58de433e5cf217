import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { emailHash, idHash, refOfKey } from '../../shared/adapters/crypto/digests.ts';
import { DynamoGiftStore } from '../../shared/adapters/dynamodb/gift-store.ts';
import { DynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import type { Subject } from '../../shared/domain/data-rights/personal-items.ts';
import { exportPerson, type ExportDocument } from '../../shared/use-cases/data-rights/export-person.ts';
import { forgetPerson, type ForgetReport } from '../../shared/use-cases/data-rights/forget-person.ts';
import { reapplyForgets, type ReapplyReport } from '../../shared/use-cases/data-rights/reapply-forgets.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';

interface SubjectOptions {
  readonly contact?: string;
  readonly account?: string;
}

/** Exactly one of --contact and --account. */
export function subjectOf(options: SubjectOptions): Subject {
  if (options.contact !== undefined && options.account !== undefined) throw new UsageError('give --contact or --account, not both');
  if (options.contact !== undefined && options.contact.trim()) return { kind: 'contact', contactId: options.contact.trim() };
  if (options.account !== undefined && options.account.trim()) return { kind: 'account', accountId: options.account.trim() };
  throw new UsageError('say whose data: --contact <contact_id> or --account <account_id>');
}

/** Checked before anything is read: an export never overwrites a file unless told to. */
export function exportTarget(out: string | undefined, force: boolean): string | undefined {
  if (out === undefined) return undefined;
  const file = resolve(out);
  if (existsSync(file) && !force) throw new UsageError(`${file} exists; nothing was written (give --force to overwrite it)`);
  return file;
}

export function forgetRequest(options: { readonly reason?: string; readonly by?: string }): { reason: string; by: string } {
  const reason = options.reason?.trim() ?? '';
  const by = options.by?.trim() ?? '';
  if (!reason) throw new UsageError('a forget needs --reason "<why>" (kept in the audit log; write no personal data in it)');
  if (!by) throw new UsageError('a forget needs --by <who asks for it> (the operator, kept in the audit log)');
  return { reason, by };
}

/** The commands' work on a table, also called in-process by the tests. */
export const dataActions = {
  export: (documents: DynamoDBDocumentClient, tableName: string, subject: Subject, now = new Date()): Promise<ExportDocument> =>
    exportPerson(subject, { store: new DynamoPersonalDataStore(documents, tableName), emailHash, now: () => now }),
  forget: (documents: DynamoDBDocumentClient, tableName: string, subject: Subject, request: { reason: string; by: string }): Promise<ForgetReport> =>
    forgetPerson({ subject, ...request }, { store: new DynamoPersonalDataStore(documents, tableName), tasks: new DynamoGiftStore(documents, tableName), now: () => new Date(), emailHash, refOfKey, idHash }),
  reapply: (documents: DynamoDBDocumentClient, tableName: string, logTable: string): Promise<ReapplyReport> =>
    reapplyForgets({
      log: new DynamoPersonalDataStore(documents, logTable),
      target: new DynamoPersonalDataStore(documents, tableName),
      tasks: new DynamoGiftStore(documents, tableName),
      now: () => new Date(),
      emailHash,
      refOfKey,
      idHash,
    }),
};

/** What a forget says, kind by kind. */
export function describeForget(report: ForgetReport): string {
  const who = report.subject.kind === 'contact' ? `contact ${report.subject.contactId}` : `account ${report.subject.accountId}`;
  if (report.alreadyForgotten) return `${who} was already forgotten; nothing left to remove (audit ${report.auditId})`;
  const lines = Object.entries(report.removed).map(([kind, n]) => `  ${kind.padEnd(22)} ${n}`);
  return [`${who} forgotten${report.resumed ? ' (an interrupted run completed)' : ''}; audit entry ${report.auditId}`, ...(lines.length ? lines : ['  (nothing left to remove)'])].join('\n');
}

export function dataCommand(globals: () => GlobalOptions): Command {
  const data = new Command('data').description('client data rights: export what is held about a person, forget them (docs/data-rights.md)');
  data
    .command('export')
    .description('one JSON document with everything held about a contact or an account')
    .option('--contact <contact_id>', 'a contact')
    .option('--account <account_id>', 'an account, with all its contacts')
    .option('--out <file>', 'write it to this file (default: standard output)')
    .option('--force', 'overwrite --out if it exists', false)
    .action(async (options: SubjectOptions & { out?: string; force: boolean }) => {
      const subject = subjectOf(options);
      const file = exportTarget(options.out, options.force);
      const document = await withTarget(globals(), (t) => dataActions.export(t.documents, t.tableName, subject));
      if (file === undefined) return printJson(document);
      writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
      console.error(`written ${file}: ${Object.entries(document.counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
    });
  data
    .command('forget')
    .description('remove the personal data of a contact or an account everywhere; keeps the figures (scores, budgets, money spent, status counts)')
    .option('--contact <contact_id>', 'a contact')
    .option('--account <account_id>', 'an account, with all its contacts')
    .option('--reason <text>', 'why (kept in the audit log; no personal data)')
    .option('--by <who>', 'who asks for it (kept in the audit log)')
    .action(async (options: SubjectOptions & { reason?: string; by?: string }) => {
      const subject = subjectOf(options);
      const request = forgetRequest(options);
      const report = await withTarget(globals(), (t) => dataActions.forget(t.documents, t.tableName, subject, request));
      if (globals().json) return printJson(report);
      console.log(describeForget(report));
    });
  data
    .command('reapply-forgets')
    .description('after a point-in-time restore: forget again everyone the forget log names')
    .option('--log-table <name>', 'the table holding the forget log (the table restored from; default: the same table)')
    .action(async (options: { logTable?: string }) => {
      const report = await withTarget(globals(), (t) => dataActions.reapply(t.documents, t.tableName, options.logTable ?? t.tableName));
      if (globals().json) return printJson(report);
      console.log(`${report.logged} forget(s) in the log; ${report.reapplied} found data again and removed it; ${report.returned} brought back on purpose, left alone`);
      for (const [kind, n] of Object.entries(report.removed)) console.log(`  ${kind.padEnd(22)} ${n}`);
    });
  return data;
}
