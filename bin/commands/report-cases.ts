import { Command, Option } from 'commander';
import { DynamoSurveyCaseStore } from '../../shared/adapters/dynamodb/survey-case-store.ts';
import { isOverdue } from '../../shared/domain/surveys/closed-loop.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import type { SurveyCase } from '../../shared/domain/surveys/survey-case.ts';
import { parseDate } from '../arguments.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printCsv, printJson, printTable } from '../output.ts';

export type CaseFilter = 'open' | 'contacted' | 'overdue' | 'resolved';

/** "open" is every case not yet resolved (as the contact policy counts it); "overdue" is not contacted past its due day. */
export function matchesCaseFilter(kase: SurveyCase, filter: CaseFilter | undefined, today: string): boolean {
  if (filter === undefined) return true;
  if (filter === 'open') return kase.state !== 'resolved';
  if (filter === 'overdue') return isOverdue(kase, today);
  return kase.state === filter;
}

/** A case as a report row: ids, dates and scores; never who answered or what they wrote. */
export function caseRow(kase: SurveyCase, today: string) {
  return {
    case_id: kase.caseId,
    quarter: kase.waveKey,
    account_id: kase.accountId,
    manager_id: kase.managerId,
    state: kase.state,
    overdue: isOverdue(kase, today) ? 'yes' : 'no',
    opened: kase.openedOn,
    due: kase.dates.dueOn,
    reminded: kase.reminded ? 'yes' : 'no',
    escalated: kase.escalated ? 'yes' : 'no',
    contacted: kase.contactedAt?.slice(0, 10) ?? '',
    resolved: kase.resolvedAt?.slice(0, 10) ?? '',
    nps: kase.scores.nps,
    ces: kase.scores.ces,
    low: kase.reasons.map((r) => (r.kind === 'csi' ? `csi:${r.attributeId}` : r.kind)).join(' '),
    may_contact: kase.mayContact ? 'yes' : 'no',
  };
}

export function casesCommand(globals: () => GlobalOptions): Command {
  return new Command('cases')
    .description('closed-loop cases opened by unhappy survey answers, with their SLA')
    .addOption(new Option('--state <state>', 'open (not yet resolved), contacted, overdue (not contacted past the due day) or resolved').choices(['open', 'contacted', 'overdue', 'resolved']))
    .option('--manager <manager_id>', "only this manager's cases")
    .option('--on <date>', 'the day "overdue" is judged on (default: today in the programme\'s time zone)', parseDate)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (options: { state?: CaseFilter; manager?: string; on?: string; format: 'table' | 'csv' | 'json' }) => {
      const { cases, today } = await withTarget(globals(), async (t) => {
        const store = new DynamoSurveyCaseStore(t.documents, t.tableName);
        return { cases: options.manager ? await store.casesOfManager(options.manager) : await store.allCases(), today: options.on ?? localDateOf(new Date(), t.config.timeZone) };
      });
      const rows = cases
        .filter((c) => matchesCaseFilter(c, options.state, today))
        .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.caseId.localeCompare(b.caseId))
        .map((c) => caseRow(c, today));
      const format = globals().json ? 'json' : options.format;
      if (format === 'json') printJson(rows);
      else if (format === 'csv') printCsv(rows);
      else {
        printTable(rows);
        console.log(`${rows.length} case(s)`);
      }
    });
}
