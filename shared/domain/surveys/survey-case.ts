import type { IsoDate } from '../calendar-date.ts';
import type { QuarterKey } from './quarter.ts';
import type { AnswerScores, CaseDates, CaseReason, CaseState } from './closed-loop.ts';

/** Who answered, on a case only when the client said yes to being contacted. */
export interface ConsentedContact {
  readonly contactId: string;
  readonly fullName: string;
  readonly email: string;
  readonly phone?: string;
  readonly comment?: string;
}

/**
 * A closed-loop case: an unhappy answer handed to the client's own manager. It names the account;
 * who answered and what they wrote only with consent (`contact`).
 */
export interface SurveyCase {
  /** The invitation id: opaque, the only id in the manager's links. */
  readonly caseId: string;
  readonly waveKey: QuarterKey;
  readonly accountId: string;
  readonly accountName?: string;
  readonly managerId: string;
  readonly state: CaseState;
  readonly reasons: readonly CaseReason[];
  readonly scores: AnswerScores;
  readonly mayContact: boolean;
  readonly contact?: ConsentedContact;
  readonly openedAt: string;
  readonly openedOn: IsoDate;
  readonly dates: CaseDates;
  readonly reminded: boolean;
  readonly escalated: boolean;
  readonly contactedAt?: string;
  readonly contactNote?: string;
  readonly resolvedAt?: string;
  readonly resolutionNote?: string;
}

/** The day of the daily run that next owes the case something, or none once nothing is owed. */
export function nextActionOn(kase: Pick<SurveyCase, 'state' | 'dates' | 'reminded' | 'escalated'>): IsoDate | undefined {
  if (kase.state !== 'open' || kase.escalated) return undefined;
  return kase.reminded ? kase.dates.escalateOn : kase.dates.remindOn;
}
