import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import type { TaskInMail } from '../../../mail/gift-task-mail.ts';
import type { MailMessage } from '../../../ports/mailer.ts';
import type { RefOfKey } from '../../../ports/key-refs.ts';
import type { MailKind } from '../../../ports/outbox.ts';
import type { DailyGiftPorts } from './ports.ts';

/**
 * Queues the mail under the hash of its business key: a retried or concurrent run of the same day
 * finds it queued and adds nothing. The digests aggregate many tasks, so they are queued by the run
 * rather than in each task's transaction. Only this run's new mails count.
 */
export async function enqueueOnce(kind: MailKind, key: string, message: MailMessage, ports: Pick<DailyGiftPorts, 'outbox' | 'mailIdOf' | 'now'>): Promise<boolean> {
  const { enqueued } = await ports.outbox.enqueue([{ mailId: ports.mailIdOf(key), kind, ...message }], ports.now().toISOString());
  return enqueued === 1;
}

/** The tasks with fresh done and cancel links, valid `linkValidityDays` from now. */
export async function withLinks(tasks: readonly GiftTask[], ports: Pick<DailyGiftPorts, 'links' | 'config' | 'now'>): Promise<TaskInMail[]> {
  const expires = new Date(ports.now().getTime() + ports.config.giftTasks.linkValidityDays * 86_400_000);
  return Promise.all(
    tasks.map(async (task) => ({ task, doneUrl: await ports.links.url(task, 'done', expires), cancelUrl: await ports.links.url(task, 'cancel', expires) })),
  );
}

/** A short, fixed-length name for a set of tasks, so a mail key stays far below DynamoDB's key limit. */
export function digestOf(tasks: readonly GiftTask[], refOfKey: RefOfKey): string {
  return refOfKey(tasks.map((t) => t.taskId).sort().join(','));
}
