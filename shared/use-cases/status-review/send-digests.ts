import { previousYearlyKey } from '../../domain/review-key.ts';
import type { StatusDecision } from '../../domain/status-decision.ts';
import { leadershipSummary, managerDigest, type DigestCase, type TierNames } from '../../mail/status-review-mail.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { MailIdOf, MailOutbox, OutboxMail } from '../../ports/outbox.ts';
import type { ReviewStore, ReviewSummary } from '../../ports/review-store.ts';

export interface SendDigestsPorts {
  readonly store: ReviewStore;
  readonly managers: ManagerDirectory;
  readonly outbox: MailOutbox;
  readonly mailIdOf: MailIdOf;
  readonly leadershipAddress: string;
  readonly leadershipLanguage: 'ru' | 'en';
  readonly tierNames?: TierNames;
  /** A manager's closed-loop cases not yet resolved; the yearly digest lists them. */
  readonly unresolvedCases?: (managerId: string) => Promise<readonly DigestCase[]>;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface SendDigestsResult {
  /** Mails put in the outbox by this run; the outbox sender sends them. */
  readonly queued: number;
  /** Mails a previous (retried or concurrent) run of the same review had already queued. */
  readonly alreadyQueued: number;
  readonly managersWithoutAddress: number;
}

/**
 * One digest per manager with changes, one summary to leadership; each mail queued in the outbox at
 * most once per review (its id is the hash of the review and manager), however often this runs.
 */
export async function sendReviewDigests(command: { reviewKey: string; summary: ReviewSummary }, ports: SendDigestsPorts): Promise<SendDigestsResult> {
  const changes = await ports.store.listChanges(command.reviewKey);
  const byManager = new Map<string, StatusDecision[]>();
  for (const change of changes) byManager.set(change.managerId, [...(byManager.get(change.managerId) ?? []), change]);
  const managers = await ports.managers.getManagers([...byManager.keys()]);

  const mails: OutboxMail[] = [];
  let managersWithoutAddress = 0;
  for (const [managerId, managerChanges] of byManager) {
    const manager = managers.get(managerId);
    if (!manager) {
      managersWithoutAddress++;
      ports.log?.('digest not sent: manager unknown', { managerId, changes: managerChanges.length });
      continue;
    }
    const openCases = ports.unresolvedCases && command.reviewKey.startsWith('yearly-') ? await ports.unresolvedCases(managerId) : [];
    mails.push({
      mailId: ports.mailIdOf(`status-digest/${command.reviewKey}/${managerId}`),
      kind: 'status-digest',
      ...managerDigest({ to: manager.email, managerName: manager.fullName, language: manager.language, reviewKey: command.reviewKey, changes: managerChanges, ...(ports.tierNames && { tierNames: ports.tierNames }), openCases }),
    });
  }
  const previousKey = previousYearlyKey(command.reviewKey);
  const previous = previousKey ? (await ports.store.getRun(previousKey))?.summary : undefined;
  // Leadership hears of every yearly review, and of an admission pass only when it changed something.
  if (previousKey || changes.length) mails.push({
    mailId: ports.mailIdOf(`status-summary/${command.reviewKey}`),
    kind: 'status-summary',
    ...leadershipSummary({
      to: ports.leadershipAddress,
      language: ports.leadershipLanguage,
      reviewKey: command.reviewKey,
      summary: command.summary,
      ...(previous && { previous }),
      ...(ports.tierNames && { tierNames: ports.tierNames }),
    }),
  });

  const { enqueued, alreadyQueued } = await ports.outbox.enqueue(mails, ports.now().toISOString());
  return { queued: enqueued, alreadyQueued, managersWithoutAddress };
}
