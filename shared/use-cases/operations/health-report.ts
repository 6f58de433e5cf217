import type { HealthCounts } from '../../ports/health-counts.ts';
import type { HealthFindings } from '../../ports/run-health.ts';
import { isStalled, runsInProgress, type RunProgressPorts } from './run-progress.ts';

export type HealthCheck = 'stalled-runs' | 'watchdog-findings' | 'dead-letters' | 'parked-mails' | 'suppressed-addresses';

export interface HealthCondition {
  readonly check: HealthCheck;
  readonly count: number;
  /** Someone should act: a run that stopped, work the watchdog had to re-publish, a dead letter. */
  readonly attention: boolean;
  /** Run keys, segment numbers and times only: nothing about a client. */
  readonly detail: string;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly at: string;
  readonly conditions: readonly HealthCondition[];
}

/**
 * The conditions the AWS alarms watch, read from the table: runs with no checkpoint for longer than
 * they may take, the watchdog's open findings, dead letters; and, for information, parked mails and
 * the size of the suppression list (both are the outbox doing its job, not faults).
 */
export async function healthReport(
  command: { readonly stallAfterMinutes: number },
  ports: RunProgressPorts & { readonly findings: HealthFindings; readonly counts: HealthCounts; readonly now: () => Date },
): Promise<HealthReport> {
  const now = ports.now();
  const stalled = (await runsInProgress(now, ports)).filter((run) => isStalled(run.lastProgressAt, now, command.stallAfterMinutes * 60_000));
  const findings = await ports.findings.openStalls();
  const [deadLetters, parked, suppressed] = await Promise.all([ports.counts.deadLetters(), ports.counts.parkedMails(), ports.counts.suppressedAddresses()]);
  const conditions: HealthCondition[] = [
    {
      check: 'stalled-runs',
      count: stalled.length,
      attention: stalled.length > 0,
      detail: stalled
        .map((run) => `${run.workflow} ${run.runKey}: no checkpoint since ${run.lastProgressAt}${run.pendingSegments.length > 0 ? `, segments ${run.pendingSegments.join(' ')} unfinished` : ''}`)
        .join('; '),
    },
    {
      check: 'watchdog-findings',
      count: findings.length,
      attention: findings.length > 0,
      detail: findings.map((f) => `${f.workflow} ${f.runKey}: re-published ${f.republishes}x, last ${f.lastDetectedAt}${f.gaveUp ? ', gave up (needs a person)' : ''}`).join('; '),
    },
    { check: 'dead-letters', count: deadLetters, attention: deadLetters > 0, detail: deadLetters > 0 ? 'vip report dead-letters lists them' : '' },
    { check: 'parked-mails', count: parked, attention: false, detail: parked > 0 ? 'mail to suppressed addresses, kept unsent' : '' },
    { check: 'suppressed-addresses', count: suppressed, attention: false, detail: '' },
  ];
  return { healthy: !conditions.some((c) => c.attention), at: now.toISOString(), conditions };
}
