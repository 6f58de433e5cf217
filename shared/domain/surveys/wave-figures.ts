import type { InvitationState } from './invitation.ts';

/** One wave's figures as `vip report survey-waves` shows them. */
export interface WaveFigures {
  readonly invited: number;
  /** Invitation mails the outbox has handed to SES. */
  readonly sent: number;
  readonly bounced: number;
  readonly complained: number;
  /** Left out at the opening because their address was suppressed. */
  readonly suppressed: number;
  readonly unsubscribed: number;
  readonly answered: number;
  /** answered / (invited - bounced): a bounced invitation never reached anyone who could answer. */
  readonly responseRate: number | undefined;
}

export function waveFigures(states: Readonly<Partial<Record<InvitationState, number>>>, sent: number, suppressedAtOpening: number): WaveFigures {
  const count = (s: InvitationState) => states[s] ?? 0;
  const invited = Object.values(states).reduce((sum, n) => sum + (n ?? 0), 0);
  const reachable = invited - count('bounced');
  return {
    invited,
    sent,
    bounced: count('bounced'),
    complained: count('complained'),
    suppressed: suppressedAtOpening,
    unsubscribed: count('unsubscribed'),
    answered: count('answered'),
    responseRate: reachable > 0 ? count('answered') / reachable : undefined,
  };
}
