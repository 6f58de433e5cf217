import { isOverdue } from '../../domain/surveys/closed-loop.ts';
import { localDateOf } from '../../domain/local-date.ts';
import type { DigestCase } from '../../mail/status-review-mail.ts';
import type { SurveyCaseStore } from '../../ports/survey-answers.ts';

/** A manager's cases not yet resolved, as the yearly status digest lists them (overdue judged on `now`'s local day). */
export async function unresolvedCasesOf(cases: SurveyCaseStore, managerId: string, now: Date, timeZone: string): Promise<DigestCase[]> {
  const today = localDateOf(now, timeZone);
  return (await cases.casesOfManager(managerId))
    .filter((c) => c.state !== 'resolved')
    .sort((a, b) => a.dates.dueOn.localeCompare(b.dates.dueOn))
    .map((c) => ({
      accountId: c.accountId,
      ...(c.accountName && { accountName: c.accountName }),
      waveKey: c.waveKey,
      state: c.state === 'contacted' ? 'contacted' : 'open',
      overdue: isOverdue(c, today),
      dueOn: c.dates.dueOn,
    }));
}
