import { verifyTaskLink } from '../../domain/gifts/task-link.ts';
import { formatRub, parseRubAmount } from '../../domain/money.ts';
import type { GiftStore } from '../../ports/gift-store.ts';
import type { LinkSecretSource } from '../../ports/link-signer.ts';
import type { GiftTasksConfig } from '../../schemas/programme-config.ts';
import { taskLinkPage, type TaskLinkPage } from '../../mail/task-link-page.ts';

export interface TaskLinkRequest {
  readonly method: string;
  /** Undefined when the link's address is damaged (a malformed %-escape). */
  readonly token: string | undefined;
  /** The submitted form (POST), already decoded. */
  readonly form: Readonly<Record<string, string>>;
}

export interface TaskLinkPorts {
  readonly store: GiftStore;
  readonly secrets: LinkSecretSource;
  readonly config: GiftTasksConfig;
  readonly now: () => Date;
}

/**
 * A link from a task mail. GET shows the task and a confirmation form; POST acts. Anything not
 * quite right (forged, expired, reused, a bad cost) gets a page saying so, and nothing changes.
 */
export async function handleTaskLink(request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  if (request.token === undefined) return taskLinkPage(400, 'This link is damaged', 'Its address was altered or cut short. Use the link exactly as it came in the mail.');
  const verification = verifyTaskLink(request.token, await ports.secrets.secret(), ports.now());
  if (!verification.ok)
    return verification.reason === 'expired'
      ? taskLinkPage(410, 'This link has expired', 'Ask for the task to be sent again, or close it in the CRM.')
      : taskLinkPage(403, 'This link is not valid', 'It may have been altered or cut short. Use the link exactly as it came in the mail.');
  const { taskId, action } = verification.claims;
  const task = await ports.store.getTask(taskId);
  if (!task) return taskLinkPage(404, 'No such task', 'The task this link points to does not exist.');
  if (task.state === 'done' || task.state === 'cancelled')
    return taskLinkPage(409, `This task is already ${task.state === 'done' ? 'done' : 'cancelled'}`, 'A link works once; nothing was changed.');

  const summary = `${task.occasionKind} on ${task.occasionDate}, gift ${task.giftId}, reserved ${formatRub(task.reservedKopecks)}`;
  if (request.method === 'GET')
    return action === 'done'
      ? taskLinkPage(200, 'Mark the gift task done', summary, { submit: 'Mark done', costField: (task.reservedKopecks || task.priceKopecks) / 100 })
      : taskLinkPage(200, 'Cancel the gift task', summary, { submit: 'Cancel the task' });
  if (request.method !== 'POST') return taskLinkPage(405, 'Method not allowed', 'Use the form on the page.');

  const at = ports.now().toISOString();
  if (action === 'cancel') {
    const cancelled = await ports.store.cancelTask(task, 'cancelled by the manager', at);
    return cancelled
      ? taskLinkPage(200, 'Task cancelled', `${summary}. The reservation of ${formatRub(task.reservedKopecks)} is released.`)
      : taskLinkPage(409, 'This task is no longer open', 'Nothing was changed.');
  }
  const actual = parseRubAmount(request.form.cost ?? '');
  if (actual === undefined || actual < 0)
    return taskLinkPage(400, 'The actual cost is not valid', `Enter what the gift cost in roubles, e.g. 3500 or 3500.50 (got "${request.form.cost ?? ''}"). Nothing was changed.`);
  const ceiling = Math.max(task.priceKopecks, task.reservedKopecks) * ports.config.maxCostFactor;
  if (actual > ceiling)
    return taskLinkPage(400, 'The actual cost is not plausible', `${formatRub(actual)} is more than ${ports.config.maxCostFactor} times the gift's price; check the amount. Nothing was changed.`);
  const result = await ports.store.completeTask(task, actual, at);
  if (result === 'not-open') return taskLinkPage(409, 'This task is no longer open', 'Nothing was changed.');
  if (result === 'line-short')
    return taskLinkPage(409, 'The budget line cannot cover this cost', `The line ${task.budgetMonth} ${task.costItem} has too little left for ${formatRub(actual)}; ask its owner. Nothing was changed.`);
  return taskLinkPage(200, 'Task done', `Spent ${formatRub(actual)}; ${formatRub(Math.max(0, task.reservedKopecks - actual))} of the reservation went back to the line.`);
}
