import { localDateOf } from '../../domain/local-date.ts';
import { previousQuarter, quarterOf } from '../../domain/surveys/quarter.ts';
import { normalizeEmail } from '../../domain/surveys/suppression.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { SuppressionStore } from '../../ports/survey-store.ts';

/** What SES reported about a mail, reduced to what the programme acts on. */
export interface MailFeedback {
  readonly kind: 'bounce' | 'complaint';
  /** SES bounce type: only `Permanent` suppresses; `Transient` (mailbox full, greylisting) and `Undetermined` do not. */
  readonly bounceType?: string;
  readonly recipients: readonly string[];
  readonly at: Date;
}

export interface MailFeedbackResult {
  readonly outcome: 'suppressed' | 'ignored-transient';
  readonly suppressed: number;
  readonly alreadySuppressed: number;
  readonly invitationsMarked: number;
}

/**
 * A permanent bounce or a complaint suppresses the address for the whole programme and marks the
 * invitations sent to it in the waves that can still be open (this quarter's and the last one's),
 * so reminders and reports know. Repeated events change nothing more.
 */
export async function recordMailFeedback(feedback: MailFeedback, ports: { store: SuppressionStore; emailHash: AddressHasher; timeZone: string }): Promise<MailFeedbackResult> {
  if (feedback.kind === 'bounce' && feedback.bounceType !== 'Permanent') return { outcome: 'ignored-transient', suppressed: 0, alreadySuppressed: 0, invitationsMarked: 0 };
  const at = feedback.at.toISOString();
  const quarter = quarterOf(localDateOf(feedback.at, ports.timeZone));
  const reason = feedback.kind;
  let suppressed = 0;
  let alreadySuppressed = 0;
  let invitationsMarked = 0;
  for (const email of new Set(feedback.recipients.map(normalizeEmail))) {
    const hash = ports.emailHash(email);
    if (await ports.store.add({ emailHash: hash, reason, at, email })) suppressed++;
    else alreadySuppressed++;
    for (const ref of await ports.store.invitationsTo(hash, [previousQuarter(quarter), quarter]))
      if (await ports.store.markInvitation(ref, feedback.kind === 'bounce' ? 'bounced' : 'complained', at)) invitationsMarked++;
  }
  return { outcome: 'suppressed', suppressed, alreadySuppressed, invitationsMarked };
}
