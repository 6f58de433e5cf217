import type { Invitation } from '../../shared/domain/surveys/invitation.ts';
import type { QuarterKey } from '../../shared/domain/surveys/quarter.ts';
import { emailHash } from '../../shared/adapters/crypto/digests.ts';
import type { Suppression } from '../../shared/domain/surveys/suppression.ts';
import type { InvitationLookup, InvitationRef, SuppressionStore } from '../../shared/ports/survey-store.ts';

/** Invitations and suppressions in memory, with the same conditions as the DynamoDB store. */
export class InMemorySuppressions implements SuppressionStore, InvitationLookup {
  readonly suppressions = new Map<string, Suppression>();
  readonly invitations = new Map<string, Invitation>();

  addInvitation(invitation: Invitation): void {
    this.invitations.set(invitation.invitationId, invitation);
  }

  async get(hash: string) {
    return this.suppressions.get(hash);
  }
  async add(suppression: Suppression) {
    if (this.suppressions.has(suppression.emailHash)) return false;
    this.suppressions.set(suppression.emailHash, suppression);
    return true;
  }
  async remove(hash: string) {
    return this.suppressions.delete(hash);
  }
  async list() {
    return [...this.suppressions.values()];
  }
  async invitationsTo(hash: string, waveKeys: readonly QuarterKey[]): Promise<InvitationRef[]> {
    return [...this.invitations.values()]
      .filter((i) => emailHash(i.email) === hash && waveKeys.includes(i.waveKey))
      .map((i) => ({ waveKey: i.waveKey, accountId: i.accountId, contactId: i.contactId, invitedAt: i.invitedAt }));
  }
  async markInvitation(ref: { waveKey: QuarterKey; accountId: string; contactId: string }, state: 'bounced' | 'complained' | 'unsubscribed') {
    const found = [...this.invitations.values()].find((i) => i.waveKey === ref.waveKey && i.accountId === ref.accountId && i.contactId === ref.contactId);
    if (!found || found.state !== 'invited') return false;
    this.invitations.set(found.invitationId, { ...found, state });
    return true;
  }
  async invitationById(invitationId: string) {
    return this.invitations.get(invitationId);
  }
}
