import { localDateOf } from '../../domain/local-date.ts';
import { previousQuarter, quarterOf, type QuarterKey } from '../../domain/surveys/quarter.ts';
import { reminderDate } from '../../domain/surveys/survey-wave.ts';
import { mayRemind } from '../../domain/surveys/contact-policy.ts';
import type { TokenSigner } from '../../domain/links/signed-token.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { MailIdOf } from '../../ports/outbox.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';
import type { ReminderStore, StoredWave } from '../../ports/survey-store.ts';
import { surveyOutboxMail } from './survey-outbox-mail.ts';

export interface SurveyDayCommand {
  readonly scheduledTime: Date;
}

export interface SurveyDayPorts {
  readonly store: ReminderStore;
  readonly events: EventPublisher;
  readonly tokens: TokenSignerSource;
  readonly emailHash: AddressHasher;
  readonly mailIdOf: MailIdOf;
  readonly config: ProgrammeConfig;
  readonly linkBaseUrl: string;
  readonly now: () => Date;
  readonly remainingMs: () => number;
  readonly pageSize?: number;
  readonly reserveMs?: number;
}

export interface WaveDayOutcome {
  readonly waveKey: QuarterKey;
  readonly action: 'closed' | 'reminded' | 'nothing-due' | 'handed-over' | 'superseded';
  readonly reminderDay?: number;
  readonly reminded?: number;
  readonly skipped?: Readonly<Record<string, number>>;
}

/**
 * The daily survey step: closes the waves whose time is over, and sends each open wave's due
 * reminder to the invitees who have not answered, unsubscribed, bounced or complained, are not
 * suppressed and have no open case. Page by page with a checkpoint, like the opening; the
 * reminder's conditional write (one per invitation and day) makes a repeat harmless.
 */
export async function runSurveyDay(command: SurveyDayCommand, ports: SurveyDayPorts): Promise<WaveDayOutcome[]> {
  const today = localDateOf(command.scheduledTime, ports.config.timeZone);
  const current = quarterOf(today);
  // A wave is open for at most 80 days, so only this quarter's and the last one's can be open.
  const outcomes: WaveDayOutcome[] = [];
  for (const waveKey of [previousQuarter(current), current]) {
    const wave = await ports.store.getWave(waveKey);
    if (!wave || wave.state !== 'open') continue;
    if (command.scheduledTime.getTime() >= Date.parse(wave.closesAt)) {
      if (await ports.store.closeWave(waveKey, ports.now().toISOString())) outcomes.push({ waveKey, action: 'closed' });
      continue;
    }
    const outcome = await remindDue(wave, today, command, ports);
    outcomes.push(outcome);
    if (outcome.action === 'handed-over') break;
  }
  return outcomes;
}

async function remindDue(wave: StoredWave, today: string, command: SurveyDayCommand, ports: SurveyDayPorts): Promise<WaveDayOutcome> {
  const due = wave.reminderDays.filter((d) => reminderDate(wave.openedOn, d) <= today && wave.reminders[String(d)]?.done !== true);
  if (due.length === 0) return { waveKey: wave.waveKey, action: 'nothing-due' };
  // After days without a run (an outage), only the latest due reminder goes out: two in a row would pester.
  const day = Math.max(...due);
  const signer = await ports.tokens.signer();
  const progress = wave.reminders[String(day)] ?? { pages: 0, done: false };
  let cursor = progress.cursor;
  let pages = progress.pages;
  let reminded = 0;
  const skipped: Record<string, number> = {};
  while (pages === 0 || cursor !== undefined) {
    if (ports.remainingMs() < (ports.reserveMs ?? 30_000)) {
      await ports.events.publish([{ source: eventSources.surveys, detailType: eventTypes.surveyDailyRequested, detail: { scheduledTime: command.scheduledTime.toISOString() } }]);
      return { waveKey: wave.waveKey, action: 'handed-over', reminderDay: day, reminded, skipped };
    }
    const page = await ports.store.readInvitations(wave.waveKey, cursor, ports.pageSize ?? 100);
    reminded += await remindPage(wave, day, today, page.invitations, signer, skipped, ports);
    if (!(await ports.store.advanceReminders(wave.waveKey, day, pages, page.cursor))) return { waveKey: wave.waveKey, action: 'superseded', reminderDay: day, reminded, skipped };
    cursor = page.cursor;
    pages++;
  }
  await ports.store.completeReminders(wave.waveKey, due);
  return { waveKey: wave.waveKey, action: 'reminded', reminderDay: day, reminded, skipped };
}

async function remindPage(
  wave: StoredWave,
  day: number,
  today: string,
  invitations: readonly Invitation[],
  signer: TokenSigner,
  skipped: Record<string, number>,
  ports: SurveyDayPorts,
): Promise<number> {
  const count = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  // Answered, unsubscribed, bounced and complained invitations are not in state `invited`.
  const waiting = invitations.filter((i) => {
    if (i.state !== 'invited') count(i.state);
    else if (i.remindersSent.includes(day)) count('already-reminded');
    else return true;
    return false;
  });
  if (waiting.length === 0) return 0;
  const [openCases, suppressed] = await Promise.all([
    ports.store.openCases([...new Set(waiting.map((i) => i.accountId))]),
    ports.store.suppressed([...new Set(waiting.map((i) => ports.emailHash(i.email)))]),
  ]);
  const at = ports.now().toISOString();
  let reminded = 0;
  for (const invitation of waiting) {
    if (suppressed.has(ports.emailHash(invitation.email))) {
      count('suppressed');
      continue;
    }
    const decision = mayRemind({ history: {}, openCases: openCases.get(invitation.accountId) ?? 0 });
    if (!decision.allowed) {
      count(decision.reason);
      continue;
    }
    const mail = surveyOutboxMail(invitation, 'reminder', { signer, mailIdOf: ports.mailIdOf, linkBaseUrl: ports.linkBaseUrl, programmeName: ports.config.name, lastDay: wave.lastDay }, day);
    if (await ports.store.remind(invitation, day, mail, today, at)) reminded++;
    else count('already-reminded');
  }
  return reminded;
}
