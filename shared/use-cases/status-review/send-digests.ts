import { previousYearlyKey } from '../../domain/review-key.ts';
import type { StatusDecision } from '../../domain/status-decision.ts';
import { leadershipSummary, managerDigest, type DigestCase, type TierNames } from '../../mail/status-review-mail.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { MailLog, MailMessage, Mailer } from '../../ports/mailer.ts';
import { sendOnce } from '../mail/send-once.ts';
import type { ReviewStore, ReviewSummary } from '../../ports/review-store.ts';

export interface SendDigestsPorts {
  readonly store: ReviewStore;
  readonly managers: ManagerDirectory;
  readonly mailer: Mailer;
  readonly mailLog: MailLog;
  readonly leadershipAddress: string;
  readonly leadershipLanguage: 'ru' | 'en';
  readonly tierNames?: TierNames;
  /** A manager's closed-loop cases not yet resolved; the yearly digest lists them. */
  readonly unresolvedCases?: (managerId: string) => Promise<readonly DigestCase[]>;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface SendDigestsResult {
  readonly sent: number;
  readonly alreadySent: number;
  readonly managersWithoutAddress: number;
}

/** One digest per manager with changes, one summary to leadership; each mail at most once per review. */
export async function sendReviewDigests(command: { reviewKey: string; summary: ReviewSummary }, ports: SendDigestsPorts): Promise<SendDigestsResult> {
  const changes = await ports.store.listChanges(command.reviewKey);
  const byManager = new Map<string, StatusDecision[]>();
  for (const change of changes) byManager.set(change.managerId, [...(byManager.get(change.managerId) ?? []), change]);
  const managers = await ports.managers.getManagers([...byManager.keys()]);

  const mails: Array<{ key: string; message: MailMessage }> = [];
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
      key: `status-digest/${command.reviewKey}/${managerId}`,
      message: managerDigest({ to: manager.email, managerName: manager.fullName, language: manager.language, reviewKey: command.reviewKey, changes: managerChanges, ...(ports.tierNames && { tierNames: ports.tierNames }), openCases }),
    });
  }
  const previousKey = previousYearlyKey(command.reviewKey);
  const previous = previousKey ? (await ports.store.getRun(previousKey))?.summary : undefined;
  // Leadership hears of every yearly review, and of an admission pass only when it changed something.
  if (previousKey || changes.length) mails.push({
    key: `status-summary/${command.reviewKey}`,
    message: leadershipSummary({
      to: ports.leadershipAddress,
      language: ports.leadershipLanguage,
      reviewKey: command.reviewKey,
      summary: command.summary,
      ...(previous && { previous }),
      ...(ports.tierNames && { tierNames: ports.tierNames }),
    }),
  });

  let sent = 0;
  let alreadySent = 0;
  for (const { key, message } of mails) {
    const outcome = await sendOnce(key, message, ports);
    // Failing here makes the invocation retry (and finally dead-letter) rather than lose the mail.
    if (outcome === 'in-progress') throw new Error(`mail ${key} is being sent by another invocation; retry later`);
    if (outcome === 'sent') sent++;
    else alreadySent++;
  }
  return { sent, alreadySent, managersWithoutAddress };
}
