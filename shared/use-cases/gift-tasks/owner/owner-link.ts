import type { OwnerLinkAction } from '../../../domain/gifts/task-link.ts';
import { ownerPages } from '../../../mail/budget-owner-page.ts';
import type { TaskLinkPage } from '../../../mail/task-link-page.ts';
import { taskPages } from '../../../mail/task-page.ts';
import type { TaskLinkPorts, TaskLinkRequest } from '../task-link.ts';

/**
 * A line owner's decision: approve or decline a task's overrun, raise a line by what a request
 * misses or decline the request. GET confirms, POST decides, once: a decided request or overrun
 * answers 409 and changes nothing.
 */
export async function handleOwnerLink(ref: string, action: OwnerLinkAction, request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  return action === 'overrun-approve' || action === 'overrun-decline' ? overrunDecision(ref, action === 'overrun-approve', request, ports) : budgetDecision(ref, action === 'budget-raise', request, ports);
}

async function overrunDecision(linkId: string, approve: boolean, request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  const language = ports.config.languages[0] ?? 'ru';
  const catalogue = ports.config.giftTasks.catalogue;
  const taskId = await ports.ids.taskOf(linkId);
  const task = taskId ? await ports.store.getTask(taskId) : undefined;
  if (!task) return taskPages.noTask(language);
  if (!task.overrunState) return ownerPages.noOverrun(language);
  if (task.overrunState !== 'pending') return ownerPages.overrunAlreadyDecided(task.overrunState === 'approved', language);
  if (request.method === 'GET') return ownerPages.confirmOverrun(task, approve, language, catalogue);
  const at = ports.now().toISOString();
  if ((await ports.store.decideOverrun(task, approve ? 'approved' : 'declined', at)) === 'decided') {
    ports.log?.('overrun decided', { budgetMonth: task.budgetMonth, decision: approve ? 'approved' : 'declined' });
    return ownerPages.overrunDecided(task, approve, language, catalogue);
  }
  const now = await ports.store.getTask(task.taskId);
  return ownerPages.overrunAlreadyDecided(now?.overrunState === 'approved', language);
}

async function budgetDecision(ref: string, raise: boolean, request: TaskLinkRequest, ports: TaskLinkPorts): Promise<TaskLinkPage> {
  const language = ports.config.languages[0] ?? 'ru';
  const budget = await ports.requests.get(ref);
  if (!budget) return ownerPages.noRequest(language);
  if (budget.state === 'raised' || (budget.state === 'declined' && raise)) return ownerPages.requestDecided(budget.state === 'raised', language);
  if (request.method === 'GET') return budget.state === 'declined' ? ownerPages.requestDecided(false, language) : raise ? ownerPages.confirmRaise(budget, language) : ownerPages.confirmDecline(budget, language);
  const at = ports.now().toISOString();
  if (raise) {
    const outcome = await ports.requests.raise(budget, at);
    if (outcome === 'no-line') return ownerPages.noLine(language);
    if (outcome === 'decided') return ownerPages.requestDecided((await ports.requests.get(ref))?.state === 'raised', language);
    ports.log?.('budget raised from a link', { month: budget.month, missingKopecks: budget.missingKopecks });
    return ownerPages.raised(budget, language);
  }
  // Declined first, then the waiting tasks cancelled: a click after a crash in between finishes the
  // cancelling; a click after it all finds nothing left to cancel and says so.
  const outcome = budget.state === 'declined' ? 'was-declined' : await ports.requests.decline(budget, at);
  if (outcome === 'was-raised') return ownerPages.requestDecided(true, language);
  let cancelled = 0;
  for (const taskId of budget.taskIds) {
    const task = await ports.store.getTask(taskId);
    if (task && (await ports.store.cancelAwaiting(task, 'budget declined by the line owner', at))) cancelled++;
  }
  if (outcome === 'was-declined' && cancelled === 0) return ownerPages.requestDecided(false, language);
  ports.log?.('budget request declined from a link', { month: budget.month, cancelled });
  return ownerPages.declined(cancelled, language);
}
