import type { TokenSigner } from '../../domain/links/signed-token.ts';
import type { Invitation } from '../../domain/surveys/invitation.ts';
import { linkExpiry, signSurveyLink } from '../../domain/surveys/survey-link.ts';
import type { MailIdOf, OutboxMail } from '../../ports/outbox.ts';
import { surveyMail } from '../../mail/survey-invitation-mail.ts';

/**
 * An unsubscribe link outlives its wave by a year: a client who finds the mail late must still be
 * able to leave (RFC 8058 expects the link to keep working), while the answer link stops at the close.
 */
export const unsubscribeLinkDays = 365;

export interface SurveyMailSettings {
  /** The link keyring's signer, made once per run (its keys read before anything is written). */
  readonly signer: TokenSigner;
  readonly mailIdOf: MailIdOf;
  /** `<base>` of `<base>/<token>`: the `/s` endpoint (SURVEY_LINK_BASE_URL). */
  readonly linkBaseUrl: string;
  readonly programmeName: string;
  readonly lastDay: string;
}

export function surveyLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/${token}`;
}

/** The invitation's or a reminder's mail, with a deterministic id so a repeat is the same mail. */
export function surveyOutboxMail(invitation: Invitation, kind: 'invitation' | 'reminder', settings: SurveyMailSettings, reminderDay?: number): OutboxMail {
  if (!/^https?:\/\//.test(settings.linkBaseUrl)) throw new Error('no base URL for survey links (SURVEY_LINK_BASE_URL): a mail without a working link is not sent');
  const exp = linkExpiry(invitation.closesAt);
  const answer = signSurveyLink({ inv: invitation.invitationId, act: 'answer', exp }, settings.signer);
  const unsubscribe = signSurveyLink({ inv: invitation.invitationId, act: 'unsubscribe', exp: exp + unsubscribeLinkDays * 86_400 }, settings.signer);
  const content = surveyMail({
    kind,
    language: invitation.language,
    programmeName: settings.programmeName,
    answerUrl: surveyLinkUrl(settings.linkBaseUrl, answer),
    unsubscribeUrl: surveyLinkUrl(settings.linkBaseUrl, unsubscribe),
    lastDay: settings.lastDay,
    minutes: 3,
  });
  const business = `${invitation.waveKey}/${invitation.accountId}/${invitation.contactId}`;
  return {
    mailId: settings.mailIdOf(kind === 'invitation' ? `survey-invitation/${business}` : `survey-reminder/${business}/${reminderDay ?? 0}`),
    kind: kind === 'invitation' ? 'survey-invitation' : 'survey-reminder',
    to: invitation.email,
    subject: content.subject,
    html: content.html,
    text: content.text,
    headers: content.headers,
    about: { accountId: invitation.accountId, contactId: invitation.contactId },
  };
}
