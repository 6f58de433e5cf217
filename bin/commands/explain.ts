import { Command } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { decideStatus } from '../../shared/domain/status-rules.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import type { StatusDecision } from '../../shared/domain/status-decision.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson } from '../output.ts';
import { DynamoSurveyCaseStore } from '../../shared/adapters/dynamodb/survey-case-store.ts';
import { isOverdue } from '../../shared/domain/surveys/closed-loop.ts';

export function explainCommand(globals: () => GlobalOptions): Command {
  return new Command('explain')
    .description("print an account's latest status decision with every criterion, and its status history")
    .argument('<account_id>', 'the account')
    .action(async (accountId: string) => {
      const { record, preview, cases, today } = await withTarget(globals(), async (target) => {
        const record = await new StatusQueries(target.documents, target.tableName).accountRecord(accountId);
        const { status, override, lastDecision: _last, ...facts } = record.account;
        const today = localDateOf(new Date(), target.config.timeZone);
        // With no decision stored yet, show what the rules would say today, clearly marked as such.
        const preview = record.history.length
          ? undefined
          : decideStatus({ facts, current: status, rules: target.config.statusReview.rules, reviewDate: today, reviewKey: `preview-${today}`, mode: 'yearly', ...(override && { override }) });
        // Closed-loop cases not yet resolved: a manager owes this client a call.
        const cases = (await new DynamoSurveyCaseStore(target.documents, target.tableName).casesOfAccount(accountId)).filter((c) => c.state !== 'resolved');
        return { record, preview, cases, today };
      });
      if (globals().json) return printJson({ ...record, preview, openCases: cases.map((c) => ({ caseId: c.caseId, waveKey: c.waveKey, state: c.state, overdue: isOverdue(c, today), openedOn: c.openedOn, dueOn: c.dates.dueOn, managerId: c.managerId })) });
      const { account } = record;
      console.log(`${account.accountId} ${account.name ?? ''} (${account.customerType}, manager ${account.managerId})`);
      console.log(`status: ${account.status.vip ? `VIP, tier ${account.status.tier}, valid until ${account.status.validUntil}` : 'not VIP'}`);
      if (account.override) console.log(`override: ${account.override.kind} by ${account.override.by} on ${account.override.at.slice(0, 10)}${account.override.until ? ` until ${account.override.until}` : ''}: ${account.override.reason}`);
      const latest = record.history.at(-1);
      if (latest) printDecision(`latest decision (${latest.decision.reviewKey}, ${latest.decidedAt})`, latest.decision);
      else if (preview) printDecision('no decision yet; the rules as of today would say', preview);
      if (record.history.length) {
        console.log('\nhistory:');
        for (const h of record.history) console.log(`  ${h.decidedAt.slice(0, 10)}  ${h.decision.reviewKey.padEnd(18)} ${h.decision.outcome.padEnd(10)} ${h.decision.next.vip ? h.decision.next.tier : '-'}`);
      }
      if (cases.length) {
        console.log('\nclosed-loop cases not yet resolved:');
        for (const c of cases)
          console.log(`  ${c.waveKey}  ${c.state.padEnd(9)} ${isOverdue(c, today) ? 'OVERDUE' : '       '}  opened ${c.openedOn}, contact due ${c.dates.dueOn}, manager ${c.managerId}, NPS ${c.scores.nps}, CES ${c.scores.ces}`);
      }
      if (record.overrides.length) {
        console.log('\noverrides:');
        for (const o of record.overrides) console.log(`  ${o.at.slice(0, 10)}  ${o.kind.padEnd(8)} by ${o.by}${'reason' in o ? `: ${o.reason}` : ''}`);
      }
    });
}

function printDecision(title: string, decision: StatusDecision): void {
  console.log(`\n${title}: ${decision.outcome}`);
  console.log(`  ${decision.reason}`);
  for (const c of decision.criteria) console.log(`  [${c.pass ? 'pass' : 'FAIL'}] ${c.text}`);
  for (const note of decision.notes) console.log(`  note: ${note}`);
}
