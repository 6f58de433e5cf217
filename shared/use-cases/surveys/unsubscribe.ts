import { verifySurveyLink } from '../../domain/surveys/survey-link.ts';
import type { Invitation, SurveyLanguage } from '../../domain/surveys/invitation.ts';
import type { AddressHasher } from '../../ports/address-hasher.ts';
import type { TokenSignerSource } from '../../ports/token-signer.ts';
import type { InvitationLookup, SuppressionStore } from '../../ports/survey-store.ts';
import { unsubscribePage, type UnsubscribePage } from '../../mail/unsubscribe-page.ts';

export interface UnsubscribePorts {
  readonly lookup: InvitationLookup;
  readonly suppressions: SuppressionStore;
  readonly tokens: TokenSignerSource;
  readonly emailHash: AddressHasher;
  readonly now: () => Date;
}

export type UnsubscribeOutcome =
  | { readonly outcome: 'unsubscribed' | 'already-unsubscribed'; readonly language: SurveyLanguage }
  | { readonly outcome: 'invalid'; readonly reason: 'malformed' | 'unknown-key' | 'forged' | 'expired' | 'not-an-unsubscribe-link' | 'unknown-invitation' };

/**
 * Suppresses the invitation's address (reason `unsubscribe`) and marks the invitation, from the
 * signed token alone: the token names only the invitation, never the address. Idempotent: a
 * second click finds both done.
 */
export async function unsubscribe(token: string, ports: UnsubscribePorts): Promise<UnsubscribeOutcome> {
  const found = await findInvitation(token, ports);
  if (!('invitation' in found)) return found;
  const { invitation } = found;
  const at = ports.now().toISOString();
  const added = await ports.suppressions.add({ emailHash: ports.emailHash(invitation.email), reason: 'unsubscribe', at, email: invitation.email });
  const marked = await ports.suppressions.markInvitation(invitation, 'unsubscribed', at);
  return { outcome: added || marked ? 'unsubscribed' : 'already-unsubscribed', language: invitation.language };
}

/**
 * The `/s/<token>` request of an unsubscribe link. GET shows a confirmation with a button and
 * changes nothing (mail scanners open links); POST, the RFC 8058 one-click or the button, unsubscribes.
 */
export async function unsubscribeRequest(request: { method: string; token: string }, ports: UnsubscribePorts): Promise<UnsubscribePage> {
  if (request.method.toUpperCase() === 'POST') {
    const result = await unsubscribe(request.token, ports);
    return result.outcome === 'invalid' ? unsubscribePage('invalid', 'ru') : unsubscribePage('done', result.language);
  }
  const found = await findInvitation(request.token, ports);
  return !('invitation' in found) ? unsubscribePage('invalid', 'ru') : unsubscribePage('confirm', found.invitation.language);
}

type Invalid = Extract<UnsubscribeOutcome, { outcome: 'invalid' }>;

async function findInvitation(token: string, ports: UnsubscribePorts): Promise<Invalid | { invitation: Invitation }> {
  const verified = verifySurveyLink(token, await ports.tokens.signer(), ports.now());
  if (!verified.ok) return { outcome: 'invalid', reason: verified.reason };
  if (verified.claims.act !== 'unsubscribe') return { outcome: 'invalid', reason: 'not-an-unsubscribe-link' };
  const invitation = await ports.lookup.invitationById(verified.claims.inv);
  if (!invitation) return { outcome: 'invalid', reason: 'unknown-invitation' };
  return { invitation };
}
