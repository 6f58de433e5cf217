import { Command } from 'commander';
import { StatusQueries } from '../../shared/adapters/dynamodb/status-queries.ts';
import { decideStatus } from '../../shared/domain/status-rules.ts';
import { localDateOf } from '../../shared/domain/local-date.ts';
import { withTarget, type GlobalOptions } from '../cli-context.ts';
import { printJson } from '../output.ts';
import { DynamoSurveyCaseStore } from '../../shared/adapters/dynamodb/survey-case-store.ts';
import { isOverdue } from '../../shared/domain/surveys/closed-loop.ts';
import { DynamoReviewStore } from '../../shared/adapters/dynamodb/review-store.ts';
import type { ReviewRun } from '../../shared/ports/review-store.ts';
import { combinationLine, decisionLines } from '../decision-text.ts';

/** Years around today to look for the latest completed yearly review (simulated clocks run ahead). */
const yearsAhead = 5;
const yearsBack = 3;

async function latestCompletedYearlyReview(reviews: DynamoReviewStore, today: string): Promise<ReviewRun | undefined> {
  const year = Number(today.slice(0, 4));
  for (let y = year + yearsAhead; y >= year - yearsBack; y--) {
    const run = await reviews.getRun(`yearly-${y}`);
    if (run?.state === 'completed') return run;
  }
  return undefined;
}

export function explainCommand(globals: () => GlobalOptions): Command {
  return new Command('explain')
    .description("print an account's latest status decision with every criterion, and its status history")
    .argument('<account_id>', 'the account')
    .action(async (accountId: string) => {
      const { record, verdict, preview, cases, today, combine, charges } = await withTarget(globals(), async (target) => {
        const record = await new StatusQueries(target.documents, target.tableName).accountRecord(accountId);
        const { status, override, lastDecision: _last, ...facts } = record.account;
        const today = localDateOf(new Date(), target.config.timeZone);
        const rules = target.config.statusReview.rules;
        const decide = (reviewDate: string, reviewKey: string) => decideStatus({ facts, current: status, rules, reviewDate, reviewKey, mode: 'yearly', ...(override && { override }) });
        // A review stores only decisions about VIP accounts and grants: for an account it left
        // outside (or one whose latest stored decision is older), its verdict is recomputed.
        const run = await latestCompletedYearlyReview(new DynamoReviewStore(target.documents, target.tableName), today);
        const stored = record.history.at(-1);
        const verdict = run && (!stored || stored.decision.reviewDate < run.reviewDate) ? { reviewKey: run.reviewKey, recomputed: true as const, decision: decide(run.reviewDate, run.reviewKey) } : undefined;
        const preview = !stored && !verdict ? decide(today, `preview-${today}`) : undefined;
        // Closed-loop cases not yet resolved: a manager owes this client a call.
        const cases = (await new DynamoSurveyCaseStore(target.documents, target.tableName).casesOfAccount(accountId)).filter((c) => c.state !== 'resolved');
        return { record, verdict, preview, cases, today, combine: rules.charges.combine, charges: rules.charges.criteria.length };
      });
      if (globals().json)
        return printJson({ ...record, criteriaCombine: { charges: combine }, verdict, preview, openCases: cases.map((c) => ({ caseId: c.caseId, waveKey: c.waveKey, state: c.state, overdue: isOverdue(c, today), openedOn: c.openedOn, dueOn: c.dates.dueOn, managerId: c.managerId })) });
      const { account } = record;
      console.log(`${account.accountId} ${account.name ?? ''} (${account.customerType}, manager ${account.managerId})`);
      console.log(`status: ${account.status.vip ? `VIP, tier ${account.status.tier}, valid until ${account.status.validUntil}` : 'not VIP'}`);
      if (account.override) console.log(`override: ${account.override.kind} by ${account.override.by} on ${account.override.at.slice(0, 10)}${account.override.until ? ` until ${account.override.until}` : ''}: ${account.override.reason}`);
      console.log(combinationLine(combine, charges));
      const latest = record.history.at(-1);
      if (verdict) printLines(decisionLines(`verdict of review ${verdict.reviewKey} (recomputed now from the account's current facts: the review does not store a decision that leaves an account outside)`, verdict.decision));
      if (latest) printLines(decisionLines(`${verdict ? 'latest stored decision' : 'latest decision'} (${latest.decision.reviewKey}, ${latest.decidedAt})`, latest.decision));
      else if (preview) printLines(decisionLines('no review has evaluated it yet; the rules as of today would say', preview));
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

function printLines(lines: readonly string[]): void {
  console.log(`\n${lines.join('\n')}`);
}
