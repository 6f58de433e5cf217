import type { IsoDate } from '../../../domain/calendar-date.ts';
import type { BudgetLine } from '../../../domain/gifts/budget-line.ts';
import { budgetRequestFor, budgetRequestKey } from '../../../domain/gifts/budget-request.ts';
import type { GiftTask } from '../../../domain/gifts/gift-task.ts';
import { budgetApprovalMail, lineMissingMail } from '../../../mail/budget-owner-mail.ts';
import type { BudgetRequests } from '../../../ports/budget-requests.ts';
import type { TaskLinks } from '../../../ports/link-signer.ts';
import type { RefOfKey } from '../../../ports/key-refs.ts';
import type { MailIdOf } from '../../../ports/outbox.ts';
import type { ProgrammeConfig } from '../../../schemas/programme-config.ts';

export interface AskOwnerPorts {
  readonly requests: BudgetRequests;
  readonly links: TaskLinks;
  readonly mailIdOf: MailIdOf;
  readonly refOfKey: RefOfKey;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The tasks of a day's run that wait for budget, per line (month), go to its owner: a request with
 * signed links to raise the line by what they miss or to decline them. A month with no line yet
 * has no owner of its own: the owner of the cost item's latest earlier line is told, once per
 * month, that the line is missing (the daily run issues the tasks once it exists). Returns the
 * mails queued.
 */
export async function askLineOwners(day: IsoDate, tasks: readonly GiftTask[], lines: { get(month: string): Promise<BudgetLine | undefined> }, ports: AskOwnerPorts): Promise<number> {
  const gifts = ports.config.giftTasks;
  const language = ports.config.languages[0] ?? 'ru';
  const at = ports.now().toISOString();
  const byMonth = new Map<string, GiftTask[]>();
  for (const task of tasks) if (task.state === 'awaiting-budget') byMonth.set(task.budgetMonth, [...(byMonth.get(task.budgetMonth) ?? []), task]);
  let queued = 0;
  for (const [month, waiting] of byMonth) {
    const line = await lines.get(month);
    if (!line) {
      const owner = await ports.requests.ownerBefore(month, gifts.costItem);
      if (!owner) {
        ports.log?.('budget line missing and no earlier line names an owner to tell', { month, tasks: waiting.length });
        continue;
      }
      const message = lineMissingMail({ to: owner, language, month, costItem: gifts.costItem, tasks: waiting, catalogue: gifts.catalogue });
      if (await ports.requests.notify({ mailId: ports.mailIdOf(`budget-line-missing/${month}/${gifts.costItem}`), kind: 'budget-line-missing', ...message }, at)) queued++;
      continue;
    }
    const request = budgetRequestFor(day, line, waiting, ports.refOfKey(budgetRequestKey(day, month)));
    const expires = new Date(ports.now().getTime() + gifts.linkValidityDays * 86_400_000);
    const message = budgetApprovalMail({
      to: line.ownerEmail,
      language,
      line,
      missingKopecks: request.missingKopecks,
      tasks: waiting,
      catalogue: gifts.catalogue,
      raiseUrl: await ports.links.ownerUrl(request.ref, 'budget-raise', expires),
      declineUrl: await ports.links.ownerUrl(request.ref, 'budget-decline', expires),
    });
    if (await ports.requests.open(request, { mailId: ports.mailIdOf(budgetRequestKey(day, month)), kind: 'budget-approval', ...message }, at)) queued++;
  }
  return queued;
}
