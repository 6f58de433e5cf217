import { localDateOf } from '../../domain/local-date.ts';
import { quarterOf, type QuarterKey } from '../../domain/surveys/quarter.ts';
import { waveClosing } from '../../domain/surveys/survey-wave.ts';
import { contactExclusion, isVipOn, surveyLanguage, type SurveyContact } from '../../domain/surveys/recipient-selection.ts';
import { mayInvite } from '../../domain/surveys/contact-policy.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import type { TokenSigner } from '../../domain/links/signed-token.ts';
import { eventSources, eventTypes } from '../../schemas/event-names.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import type { SurveyRole } from '../../schemas/survey-config.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { MailIdOf } from '../../ports/outbox.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';
import type { AccountContacts, StoredWave, WaveAccount, WaveOpeningStore } from '../../ports/survey-store.ts';
import { surveyOutboxMail } from './survey-outbox-mail.ts';

export interface OpenWaveCommand {
  /** When the schedule fired; the wave is the quarter of its local day, VIP status is read as of that day. */
  readonly scheduledTime: Date;
}

export interface OpenWavePorts {
  readonly store: WaveOpeningStore;
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
  /** 128 random bits, base64url (shared/adapters/crypto/random-ids.ts): see Invitation.invitationId. */
  readonly newInvitationId: () => string;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export type SkipReason = 'suppressed' | 'already-in-wave' | 'too-soon' | 'open-case' | 'address-already-invited';

export interface OpenWaveResult {
  readonly waveKey: QuarterKey;
  readonly outcome: 'opened' | 'handed-over' | 'superseded' | 'already-open';
  /** Invitations this invocation wrote. */
  readonly invited: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
}

/**
 * Opens the wave of the quarter the scheduled day falls in and invites its recipients, one page
 * of accounts at a time. The cursor is saved after every page; a crash resumes from it, and a
 * run that finds its cursor moved by another run stops. The invitation's conditional write makes
 * a contact's invitation unique whatever the runs do.
 */
export async function openWave(command: OpenWaveCommand, ports: OpenWavePorts): Promise<OpenWaveResult> {
  const { config, store } = ports;
  const openedOn = localDateOf(command.scheduledTime, config.timeZone);
  const waveKey = quarterOf(openedOn);
  const { closesAt, lastDay } = waveClosing(openedOn, config.surveys.openDays, config.timeZone);
  const { wave } = await store.createWave({
    waveKey,
    state: 'opening',
    openedOn,
    openedAt: command.scheduledTime.toISOString(),
    lastDay,
    closesAt,
    reminderDays: config.surveys.reminderDays,
    invited: 0,
    skipped: {},
  });
  const skipped: Partial<Record<SkipReason, number>> = {};
  if (wave.state !== 'opening') return { waveKey, outcome: 'already-open', invited: 0, skipped };

  const signer = await ports.tokens.signer();
  const pageSize = ports.pageSize ?? 100;
  const reserveMs = ports.reserveMs ?? 30_000;
  let cursor = wave.cursor;
  let pages = wave.pages;
  let invited = 0;
  // A wave whose cursor is absent after a page has read every account.
  while (pages === 0 || cursor !== undefined) {
    if (ports.remainingMs() < reserveMs) {
      await ports.events.publish([{ source: eventSources.surveys, detailType: eventTypes.surveyWaveOpeningRequested, detail: { scheduledTime: command.scheduledTime.toISOString() } }]);
      return { waveKey, outcome: 'handed-over', invited, skipped };
    }
    const page = await store.readAccounts(cursor, pageSize);
    const pageSkipped: Partial<Record<SkipReason, number>> = {};
    invited += await invitePage(wave, page.accounts, signer, pageSkipped, ports);
    for (const [reason, n] of Object.entries(pageSkipped)) skipped[reason as SkipReason] = (skipped[reason as SkipReason] ?? 0) + n;
    // The page's skips are counted on the wave with its checkpoint, so a retried page never counts twice.
    if (!(await store.advanceOpening(waveKey, pages, page.cursor, pageSkipped, ports.now().toISOString()))) return { waveKey, outcome: 'superseded', invited, skipped };
    cursor = page.cursor;
    pages++;
  }

  if (await store.completeOpening(waveKey, ports.now().toISOString())) {
    const opened = await store.getWave(waveKey);
    await ports.events.publish([
      { source: eventSources.surveys, detailType: eventTypes.surveyWaveOpened, detail: { waveKey, openedOn, closesAt, invited: opened?.invited ?? 0 } },
    ]);
  }
  return { waveKey, outcome: 'opened', invited, skipped };
}

async function invitePage(wave: StoredWave, accounts: readonly WaveAccount[], signer: TokenSigner, skipped: Partial<Record<SkipReason, number>>, ports: OpenWavePorts): Promise<number> {
  const { config, store } = ports;
  const survey = config.surveys;
  const vip = accounts.filter((a) => isVipOn(a.status, wave.openedOn));
  if (vip.length === 0) return 0;
  const contacts = await store.accountContacts(vip.map((a) => a.accountId));
  const candidates: { account: WaveAccount; contact: SurveyContact & { email: string }; openCases: number; history: AccountContacts['contacts'][number]['history'] }[] = [];
  for (const account of vip) {
    const found = contacts.get(account.accountId);
    for (const contact of found?.contacts ?? []) {
      if (contactExclusion(contact, survey.roles as readonly SurveyRole[]) !== undefined) continue;
      candidates.push({ account, contact: contact as SurveyContact & { email: string }, openCases: found?.openCases ?? 0, history: contact.history });
    }
  }
  const suppressed = await store.suppressed([...new Set(candidates.map((c) => ports.emailHash(c.contact.email)))]);
  const count = (reason: SkipReason) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  let invited = 0;
  // The programme's clock (the schedule's time) on the invitation, so a simulated quarter is coherent;
  // the wall clock on the outbox record, which the sender compares with its own.
  const invitedAt = wave.openedAt;
  const queuedAt = ports.now().toISOString();
  for (const { account, contact, openCases, history } of candidates) {
    if (suppressed.has(ports.emailHash(contact.email))) {
      count('suppressed');
      continue;
    }
    const decision = mayInvite(wave.waveKey, wave.openedOn, { history, openCases }, survey.contactPolicy);
    if (!decision.allowed) {
      count(decision.reason);
      continue;
    }
    const invitation: Invitation = {
      invitationId: ports.newInvitationId(),
      waveKey: wave.waveKey,
      accountId: account.accountId,
      contactId: contact.contactId,
      role: contact.role as SurveyRole,
      language: surveyLanguage(contact, config.languages),
      email: contact.email,
      state: 'invited',
      invitedAt,
      remindersSent: [],
      closesAt: wave.closesAt,
      segment: { tier: account.status.tier ?? '', city: account.city, managerId: account.managerId, customerType: account.customerType },
    };
    const mail = surveyOutboxMail(invitation, 'invitation', { signer, mailIdOf: ports.mailIdOf, linkBaseUrl: ports.linkBaseUrl, programmeName: config.name, lastDay: wave.lastDay });
    const outcome = await store.invite(invitation, mail, wave.openedOn, queuedAt);
    if (outcome === 'invited') invited++;
    else if (outcome === 'address-already-invited') count('address-already-invited');
    else count('already-in-wave');
  }
  return invited;
}
