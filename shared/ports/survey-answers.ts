import type { Invitation, SegmentSnapshot } from '../domain/surveys/invitation.ts';
import type { SurveyWave } from '../domain/surveys/survey-wave.ts';
import type { SurveyCase } from '../domain/surveys/survey-case.ts';
import type { IsoDate } from '../domain/calendar-date.ts';
import type { ManagerContact } from './manager-directory.ts';
import type { OutboxMail } from './outbox.ts';

/** An answer as kept: the invitation id, the segment snapshot, the scores; never a name or an address. */
export interface StoredAnswer {
  readonly invitationId: string;
  readonly waveKey: string;
  readonly role: string;
  readonly segment: SegmentSnapshot;
  readonly nps: number;
  readonly ces: number;
  readonly csi: Readonly<Record<string, number>>;
  readonly comment?: string;
  readonly mayContact: boolean;
  readonly answeredAt: string;
  /** Set once `SurveyAnswerRecorded` is on the bus; absent means it still has to go. */
  readonly eventPublishedAt?: string;
}

export interface InvitationOnFile {
  readonly invitation: Invitation;
  readonly wave?: SurveyWave;
}

/** A case to open with the answer, and the mail that tells the manager, in the same transaction. */
export interface CaseOpening {
  readonly kase: SurveyCase;
  readonly mail: OutboxMail;
}

export type RecordAnswerOutcome = 'recorded' | 'already-answered' | 'not-open';

/** The people a case concerns; the contact's identity is read only when the client consented. */
export interface CaseParties {
  readonly accountName?: string;
  readonly managerId?: string;
  readonly manager?: ManagerContact;
  readonly contact?: { readonly fullName: string; readonly email: string; readonly phone?: string };
}

export interface SurveyAnswerStore {
  /** Through the invitation pointer, read strongly consistent: a link opened right after the mail must work. */
  findInvitation(invitationId: string): Promise<InvitationOnFile | undefined>;
  getAnswer(waveKey: string, invitationId: string): Promise<StoredAnswer | undefined>;
  /**
   * One transaction: the invitation turns `answered` (only from `invited`), the answer item is
   * created, and a case with its mail if the answer opens one. All or nothing. The mail is queued
   * at `queuedAt` (the wall clock), which the outbox sender compares with its own clock.
   */
  recordAnswer(invitation: Invitation, answer: StoredAnswer, opening: CaseOpening | undefined, queuedAt: string): Promise<RecordAnswerOutcome>;
  markEventPublished(waveKey: string, invitationId: string, at: string): Promise<void>;
  caseParties(accountId: string, contactId: string | undefined): Promise<CaseParties>;
}

/** 'changed': the case is no longer as it was read (another step got there first); read it again and decide again. */
export type CaseWriteOutcome = 'recorded' | 'changed';

export interface SurveyCaseStore {
  findCase(caseId: string): Promise<SurveyCase | undefined>;
  casesOfAccount(accountId: string): Promise<SurveyCase[]>;
  casesOfManager(managerId: string): Promise<SurveyCase[]>;
  allCases(): Promise<SurveyCase[]>;
  /** Open cases whose next reminder or escalation falls on or before `day` (sparse index, not a scan). */
  casesDueBy(day: IsoDate): Promise<SurveyCase[]>;
  /**
   * Writes `next` over `previous`, only if the stored case is still `previous` (state and flags),
   * with a mail queued in the same transaction if given (a reminder, an escalation).
   */
  replaceCase(previous: SurveyCase, next: SurveyCase, at: string, mail?: OutboxMail): Promise<CaseWriteOutcome>;
}
