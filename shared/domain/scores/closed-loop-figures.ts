import type { IsoDate } from '../calendar-date.ts';

/** A closed-loop case as the review counts it: no account, no person. */
export interface CaseOutcome {
  readonly state: 'open' | 'contacted' | 'resolved';
  /** Local date the manager first contacted the client, if they did. */
  readonly contactedOn?: IsoDate;
  /** Last day on which contacting still met the SLA. */
  readonly dueOn: IsoDate;
}

export interface ClosedLoopFigures {
  readonly opened: number;
  readonly contacted: number;
  readonly contactedWithinSla: number;
  readonly resolved: number;
  readonly open: number;
  /** Open, and past the SLA's due day. */
  readonly overdue: number;
  /**
   * Contacted within the SLA, in % of the cases whose SLA outcome is known (contacted, or overdue);
   * a case still inside its SLA counts neither way. Absent when none is known yet.
   */
  readonly withinSlaShare?: number;
}

export function closedLoopFigures(cases: readonly CaseOutcome[], today: IsoDate): ClosedLoopFigures {
  const contacted = cases.filter((c) => c.contactedOn !== undefined);
  const within = contacted.filter((c) => c.contactedOn! <= c.dueOn).length;
  const overdue = cases.filter((c) => c.state === 'open' && today > c.dueOn).length;
  const known = contacted.length + overdue;
  return {
    opened: cases.length,
    contacted: contacted.length,
    contactedWithinSla: within,
    resolved: cases.filter((c) => c.state === 'resolved').length,
    open: cases.filter((c) => c.state === 'open').length,
    overdue,
    ...(known > 0 && { withinSlaShare: Math.round((10_000 * within) / known) / 100 }),
  };
}
