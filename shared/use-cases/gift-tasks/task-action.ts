import { availableOf } from '../../domain/gifts/budget-line.ts';
import type { GiftTask } from '../../domain/gifts/gift-task.ts';
import type { TaskLinkAction } from '../../domain/gifts/task-link.ts';
import { parseRubAmount, type Kopecks } from '../../domain/money.ts';
import { overrunMail } from '../../mail/budget-owner-mail.ts';
import type { TaskLinkPage } from '../../mail/task-link-page.ts';
import { taskPages, type TaskView } from '../../mail/task-page.ts';
import type { TaskLinkPorts, TaskLinkRequest } from './task-link.ts';

const maxAttempts = 5;

/** A manager's link: GET shows the task in the manager's language, POST marks it done or cancels it. */
export async function handleTaskAction(linkId: string, action: TaskLinkAction, request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  const fallback = ports.config.languages[0] ?? 'ru';
  const taskId = await ports.ids.taskOf(linkId);
  const task = taskId ? await ports.store.getTask(taskId) : undefined;
  if (!task) return taskPages.noTask(fallback);
  const manager = (await ports.managers.getManagers([task.managerId])).get(task.managerId);
  const view: TaskView = { task, language: manager?.language ?? fallback, catalogue: ports.config.giftTasks.catalogue };
  if (task.state === 'done' || task.state === 'cancelled') return taskPages.closed(view.language, task.state);

  if (request.method === 'GET') return action === 'done' ? taskPages.confirmDone(view) : taskPages.confirmCancel(view);
  const at = ports.now().toISOString();
  if (action === 'cancel') return (await ports.store.cancelTask(task, 'cancelled by the manager', at)) ? taskPages.cancelled(view) : taskPages.notOpen(view.language);
  if (task.state === 'awaiting-budget') return taskPages.awaitingBudget(view);

  const actual = parseRubAmount(request.form.cost ?? '');
  if (actual === undefined || actual < 0) return taskPages.badCost(view.language, request.form.cost ?? '');
  const factor = ports.config.giftTasks.maxCostFactor;
  if (actual > Math.max(task.priceKopecks, task.reservedKopecks) * factor) return taskPages.implausible(view.language, actual, factor);
  return complete(view, actual, at, ports);
}

/**
 * Done at `actual`. When the line cannot cover it, the gift is bought all the same: the cost is
 * recorded as an overrun and the line's owner asked to decide it, in the same transaction.
 */
async function complete(view: TaskView, actual: Kopecks, at: string, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  let task: GiftTask | undefined = view.task;
  for (let attempt = 1; attempt <= maxAttempts && task; attempt++) {
    if (task.state === 'awaiting-budget') return taskPages.awaitingBudget({ ...view, task });
    const result = await ports.store.completeTask(task, actual, at);
    if (result === 'done') return taskPages.done({ ...view, task }, actual);
    if (result === 'not-open') return taskPages.notOpen(view.language);
    task = await ports.store.getTask(task.taskId);
    if (!task || task.state !== 'open') continue;
    const line = await ports.store.budgetLine(task.budgetMonth, task.costItem);
    if (!line) return taskPages.noLine({ ...view, task });
    const overrun = actual - task.reservedKopecks - availableOf(line);
    // The line got money back in between: a plain close again.
    if (overrun <= 0) continue;
    const mail = await ownerMail(task, actual, overrun, line.ownerEmail, ports);
    if ((await ports.store.completeWithOverrun(task, actual, line, mail, at)) === 'done') {
      ports.log?.('gift task done with an overrun', { budgetMonth: task.budgetMonth, overrunKopecks: overrun });
      return taskPages.doneWithOverrun({ ...view, task }, actual, overrun);
    }
    task = await ports.store.getTask(task.taskId);
  }
  if (task && task.state !== 'open') return task.state === 'done' || task.state === 'cancelled' ? taskPages.closed(view.language, task.state) : taskPages.awaitingBudget({ ...view, task });
  throw new Error(`the task ${view.task.taskId} kept changing under ${maxAttempts} attempts to mark it done`);
}

async function ownerMail(task: GiftTask, actual: Kopecks, overrun: Kopecks, ownerEmail: string, ports: TaskLinkPorts) {
  const expires = new Date(ports.now().getTime() + ports.config.giftTasks.linkValidityDays * 86_400_000);
  const linkId = task.linkId ?? (await ports.ids.linkIdOf(task.taskId));
  const message = overrunMail({
    to: ownerEmail,
    language: ports.config.languages[0] ?? 'ru',
    task,
    actualKopecks: actual,
    overrunKopecks: overrun,
    catalogue: ports.config.giftTasks.catalogue,
    approveUrl: await ports.links.ownerUrl(linkId, 'overrun-approve', expires),
    declineUrl: await ports.links.ownerUrl(linkId, 'overrun-decline', expires),
  });
  // One overrun per task: a task is done once.
  return { mailId: ports.mailIdOf(`budget-overrun/${task.taskId}`), kind: 'budget-overrun' as const, ...message, about: { accountId: task.accountId } };
}
