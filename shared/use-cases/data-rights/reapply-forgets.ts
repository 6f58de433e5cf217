import type { ForgetDigests, PersonalDataStore, TaskCanceller } from '../../ports/personal-data.ts';
import type { RemovedCounts } from '../../domain/data-rights/personal-items.ts';
import { addCounts } from '../../domain/data-rights/personal-items.ts';
import { forgetPerson, UnknownSubjectError } from './forget-person.ts';

export interface ReapplyReport {
  /** Forgets in the log. */
  readonly logged: number;
  /** Forgets that found something again (the restored table held it) and removed it. */
  readonly reapplied: number;
  /** People brought back on purpose after their forget (`--allow-forgotten`): left alone. */
  readonly returned: number;
  readonly removed: RemovedCounts;
}

/**
 * After a point-in-time restore the restored table holds again what was forgotten after the
 * restore point. The forget log (read from the table that kept it: the old one, which a restore
 * leaves in place) is replayed on the target table, each forget with its original reason.
 */
export async function reapplyForgets(ports: ForgetDigests & {
  readonly log: Pick<PersonalDataStore, 'forgetLog'>;
  readonly target: PersonalDataStore;
  readonly tasks: TaskCanceller;
  readonly now: () => Date;
}): Promise<ReapplyReport> {
  const log = await ports.log.forgetLog();
  let reapplied = 0;
  let returned = 0;
  let removed: RemovedCounts = {};
  for (const record of log) {
    if (record.returnedAt !== undefined) {
      returned++;
      continue;
    }
    try {
      const report = await forgetPerson({ subject: record.subject, reason: record.reason, by: record.by }, { store: ports.target, tasks: ports.tasks, now: ports.now, emailHash: ports.emailHash, refOfKey: ports.refOfKey, idHash: ports.idHash }, { known: record });
      if (Object.keys(report.removed).length > 0) reapplied++;
      removed = addCounts(removed, report.removed);
    } catch (error) {
      // Not held in the target at all: nothing to forget again.
      if (!(error instanceof UnknownSubjectError)) throw error;
    }
  }
  return { logged: log.length, reapplied, returned, removed };
}
