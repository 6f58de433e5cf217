import { readCsv } from './csv-rows.ts';
import { expectedColumns, importRowSchemas, rowIdentity, type ImportBatch, type ImportKind, type ImportRow } from './import-schemas.ts';
import { formatRub } from '../domain/money.ts';
import { isSuspectDate, placeholderDates } from '../domain/gifts/suspect-dates.ts';
import type { GiftDueWritten, ImportStore, RefreshResult } from '../ports/import-store.ts';
import type { OccasionsImportedNotifier } from '../ports/occasions-imported.ts';
import { forgottenProblems, type ForgottenGuard } from './forgotten-guard.ts';

export class ImportRejectedError extends Error {
  override readonly name = 'ImportRejectedError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: nothing was imported; ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface ImportProgress {
  readonly phase: 'validating' | 'writing';
  readonly rows: number;
  readonly total?: number;
}

export interface ImportResult {
  readonly kind: ImportKind;
  readonly file: string;
  readonly rows: number;
  readonly accountsRefreshed: number;
  /** Accounts with imported occasions whose issue day the gift runs had passed: a late grant was asked for each. */
  readonly lateGrantsRequested: number;
  /** What the rows mean for the workflows, e.g. contacts that can get no birthday task. */
  readonly notes: readonly string[];
}

const maxProblemsReported = 50;
/** Kinds whose rows roll up into the account's facts. */
const kindsWithFacts: ReadonlySet<ImportKind> = new Set(['numbers', 'charges', 'payments']);
const writeChunk = 500;

/**
 * Whole-file rule: every row is validated, and every reference checked, before the first write;
 * one bad row rejects the file. Writes are upserts keyed by the row's identity, so re-importing
 * the same file changes nothing and an interrupted import is completed by running it again.
 */
export async function importCsv<K extends ImportKind>(
  kind: K,
  file: string,
  store: ImportStore,
  onProgress: (progress: ImportProgress) => void = () => {},
  /** Refuses rows of forgotten contacts and accounts (docs/data-rights.md); absent: no check. */
  forgotten?: ForgottenGuard,
  /** Told which occasions got a due-index tag; absent: nobody is told (a demo load into an empty table). */
  occasions?: OccasionsImportedNotifier,
): Promise<ImportResult> {
  const columns = expectedColumns(kind);
  const schema = importRowSchemas[kind];
  const identity = rowIdentity[kind] as (row: ImportRow<K>) => string;
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const references = { managers: new Map<string, number>(), accounts: new Map<string, number>() };
  /** Every contact and account id of the file with its first line, for the forgotten check. */
  const people = { contact: new Map<string, number>(), account: new Map<string, number>() };
  let rows = 0;
  let withoutBirthDate = 0;
  let suspectDates = 0;
  /** Budget rows, to check their allocations against what the lines already hold. */
  const allocations: Array<{ month: string; costItem: string; kopecks: number; text: string; line: number }> = [];

  for await (const record of readCsv(file, columns)) {
    rows++;
    if (rows % 1000 === 0) onProgress({ phase: 'validating', rows });
    const parsed = schema.safeParse(record.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        problems.push(`${file}:${record.line}: column "${column}": value "${record.values[column] ?? ''}": expected ${issue.message}`);
      }
      continue;
    }
    const row = parsed.data as ImportRow<K>;
    if (kind === 'contacts' && (row as ImportRow<'contacts'>).birth_date === undefined) withoutBirthDate++;
    if (kind === 'contacts' || kind === 'company-dates') {
      const dated = row as ImportRow<'contacts'> | ImportRow<'company-dates'>;
      if (isSuspectDate('birth_date' in dated ? dated.birth_date : dated.date) && !dated.date_confirmed) suspectDates++;
    }
    if (kind === 'budgets') {
      const budget = row as ImportRow<'budgets'>;
      allocations.push({ month: budget.month, costItem: budget.cost_item, kopecks: budget.amount_rub, text: record.values.amount_rub ?? '', line: record.line });
    }
    const key = identity(row);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) problems.push(`${file}:${record.line}: duplicate of line ${firstLine} (${key})`);
    else seen.set(key, record.line);
    const values = row as Record<string, unknown>;
    if (kind === 'accounts' && typeof values.manager_id === 'string') remember(references.managers, values.manager_id, record.line);
    if (kind !== 'accounts' && typeof values.account_id === 'string') remember(references.accounts, values.account_id, record.line);
    if (typeof values.account_id === 'string') remember(people.account, values.account_id, record.line);
    if (kind === 'contacts' && typeof values.contact_id === 'string') remember(people.contact, values.contact_id, record.line);
    if (problems.length >= maxProblemsReported) break;
  }

  for (const [refKind, refs] of Object.entries(references) as Array<['managers' | 'accounts', Map<string, number>]>) {
    if (refs.size === 0 || problems.length >= maxProblemsReported) continue;
    const existing = await store.existingIds(refKind, [...refs.keys()]);
    for (const [refId, line] of refs) {
      if (!existing.has(refId))
        problems.push(
          `${file}:${line}: column "${refKind === 'managers' ? 'manager_id' : 'account_id'}": value "${refId}": expected an existing ${refKind === 'managers' ? 'manager (import managers first)' : 'account (import accounts first)'}`,
        );
    }
  }
  if (allocations.length && problems.length < maxProblemsReported) {
    const committed = await store.committedOnLines(allocations);
    for (const a of allocations) {
      const held = committed.get(`${a.month} ${a.costItem}`) ?? 0;
      if (a.kopecks < held)
        problems.push(`${file}:${a.line}: column "amount_rub": value "${a.text}": expected at least ${formatRub(held)} (already reserved and spent on the line ${a.month} ${a.costItem})`);
    }
  }
  const forgottenCheck = forgotten && problems.length < maxProblemsReported ? await forgottenProblems(file, people, forgotten) : undefined;
  if (forgottenCheck) problems.push(...forgottenCheck.problems);
  if (problems.length) throw new ImportRejectedError(file, problems.slice(0, maxProblemsReported));

  const total = rows;
  let written = 0;
  let chunk: ImportRow<K>[] = [];
  const tagged: GiftDueWritten[] = [];
  const flush = async () => {
    tagged.push(...(await store.writeRows({ kind, rows: chunk } as ImportBatch)));
    written += chunk.length;
    chunk = [];
    onProgress({ phase: 'writing', rows: written, total });
  };
  for await (const record of readCsv(file, columns)) {
    chunk.push(schema.parse(record.values) as ImportRow<K>);
    if (chunk.length >= writeChunk) await flush();
  }
  if (chunk.length) await flush();

  const affected = kindsWithFacts.has(kind) ? [...references.accounts.keys()] : [];
  const refreshed = affected.length ? await store.refreshAccounts(affected) : undefined;
  const lateGrants = occasions && tagged.length ? await requestLateGrants(file, tagged, occasions) : 0;
  const notes = withoutBirthDate ? [`${withoutBirthDate} contact(s) without a birth date: no birthday task can be issued for them`] : [];
  if (suspectDates)
    notes.push(
      `${suspectDates} ${kind === 'contacts' ? 'contact(s) with a birth date' : 'company date(s)'} of ${placeholderDates.join(' or ')} (an empty date as often exported): no task until confirmed (date_confirmed = yes); see npx vip report suspect-dates`,
    );
  if (refreshed?.dropped.length) notes.push(droppedNote(refreshed));
  if (forgottenCheck?.returned) notes.push(await forgottenCheck.returned());
  if (lateGrants) notes.push(`${lateGrants} account(s) with occasions already due: late tasks requested`);
  return { kind, file, rows: total, accountsRefreshed: affected.length, lateGrantsRequested: lateGrants, notes };
}

/** The rows are in whatever happens here; a second import writes the same rows and asks again. */
async function requestLateGrants(file: string, tagged: readonly GiftDueWritten[], occasions: OccasionsImportedNotifier): Promise<number> {
  try {
    return await occasions.occasionsImported(tagged);
  } catch (error) {
    throw new Error(`${file}: the rows are imported, but the gift tasks of occasions already due could not be requested (import the file again: it writes the same rows and asks again)`, { cause: error });
  }
}

/** Accepted, but said: months the rules never read are kept as rows, not on the account profile. */
function droppedNote(result: RefreshResult): string {
  const months = [...new Set(result.dropped.flatMap((d) => d.months))].sort();
  const shown = months.length > 6 ? `${months.slice(0, 3).join(', ')} ... ${months.slice(-3).join(', ')}` : months.join(', ');
  return `${result.dropped.length} account(s) had months older than the ${result.keptMonths} months a profile keeps (${shown}): their rows are stored, but dropped from the profile the review reads`;
}

function remember(map: Map<string, number>, id: string, line: number): void {
  if (!map.has(id)) map.set(id, line);
}
