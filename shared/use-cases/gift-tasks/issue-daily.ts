import { createHash } from 'node:crypto';
import { addDays, monthOf, type IsoDate } from '../../domain/calendar-date.ts';
import { localDateOf } from '../../domain/local-date.ts';
import { availableOf, type BudgetLine } from '../../domain/gifts/budget-line.ts';
import { chooseGift } from '../../domain/gifts/gift-choice.ts';
import { giftTaskId, type GiftTask, type Occasion } from '../../domain/gifts/gift-task.ts';
import { monthDaysBetween } from '../../domain/gifts/occasion-dates.ts';
import { planOccasion } from '../../domain/gifts/occasion-plan.ts';
import { managerTaskDigest, overdueTasksMail, type TaskInMail } from '../../mail/gift-task-mail.ts';
import type { GiftStore, OccasionAccount } from '../../ports/gift-store.ts';
import type { TaskLinks } from '../../ports/link-signer.ts';
import type { ManagerDirectory } from '../../ports/manager-directory.ts';
import type { MailMessage } from '../../ports/mailer.ts';
import { mailIdOf, type MailKind, type MailOutbox } from '../../ports/outbox.ts';
import type { ProgrammeConfig } from '../../schemas/programme-config.ts';
import type { BudgetRequests } from '../../ports/budget-requests.ts';
import { askLineOwners } from './owner/ask-line-owners.ts';

export interface DailyGiftPorts {
  readonly store: GiftStore;
  readonly managers: ManagerDirectory;
  readonly outbox: MailOutbox;
  readonly links: TaskLinks;
  /** The line owners' requests for budget (shared/use-cases/gift-tasks/owner/). */
  readonly requests: BudgetRequests;
  readonly config: ProgrammeConfig;
  readonly now: () => Date;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface DailyGiftResult {
  readonly day: IsoDate;
  readonly from: IsoDate;
  readonly issued: number;
  readonly alreadyIssued: number;
  readonly awaitingBudget: number;
  /** Tasks that were awaiting budget and got their reservation because the line was raised. */
  readonly promoted: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly reminders: number;
  readonly escalations: number;
  /** Mails this run put in the outbox (the outbox sender sends them). */
  readonly mailsQueued: number;
}

/**
 * The daily run: every occasion whose issue day has come since the last successful run (the
 * watermark) becomes exactly one task, reserving money on the line of the occasion's month;
 * managers get one digest, line owners what needs their approval, and overdue tasks are
 * reminded and escalated. Reads only the month-days it looks ahead to, through the index.
 */
export async function issueDailyGiftTasks(command: { scheduledTime: Date }, ports: DailyGiftPorts): Promise<DailyGiftResult> {
  const gifts = ports.config.giftTasks;
  const day = localDateOf(command.scheduledTime, ports.config.timeZone);
  const watermark = await ports.store.watermark();
  const earliest = addDays(day, -gifts.maxCatchUpDays);
  const from = watermark ? max(addDays(watermark, 1), earliest) : day;
  if (from > day) return { day, from, issued: 0, alreadyIssued: 0, awaitingBudget: 0, promoted: 0, skipped: {}, reminders: 0, escalations: 0, mailsQueued: 0 };

  const maxLead = Math.max(...gifts.catalogue.map((g) => g.leadDays));
  const occasions = await ports.store.occasionsOn(monthDaysBetween(from, addDays(day, maxLead), gifts.leapDayInCommonYears));
  const accounts = await ports.store.accounts(occasions.map((o) => o.accountId));
  const lines = new LineCache(ports.store, gifts.costItem);
  const skipped: Record<string, number> = {};
  const tasks: GiftTask[] = [];
  let issued = 0;
  let alreadyIssued = 0;

  for (const occasion of occasions) {
    const account = accounts.get(occasion.accountId);
    if (!account) continue;
    const plan = planOccasion(occasion, account.status, gifts, from, day);
    if (plan.action === 'skip') {
      skipped[plan.reason] = (skipped[plan.reason] ?? 0) + 1;
      continue;
    }
    if (plan.action === 'later') continue;
    // An issue day before this run's window was a previous run's job: a read tells whether it was
    // done (cheaper than a refused write); if not (a late VIP grant, a late import), issue it now.
    if (plan.issueDate < from && (await ports.store.getTask(giftTaskId(occasion.accountId, occasion.sourceId, plan.occasionDate)))) {
      alreadyIssued++;
      continue;
    }
    const outcome = await issueOne(occasion, account, plan, lines, ports);
    if (outcome.issued) issued++;
    else alreadyIssued++;
    // A task a concurrent run of the same day issued belongs in this day's digest as well (sent once).
    tasks.push(outcome.task);
  }

  const promoted = await promoteAwaiting(day, addDays(day, maxLead), lines, ports);
  tasks.push(...promoted);
  let mailsQueued = await mailDigests(day, tasks, lines, ports);
  const overdue = await remindAndEscalate(from, day, ports);
  mailsQueued += overdue.mailsQueued;
  const awaitingBudget = tasks.filter((t) => t.state === 'awaiting-budget').length;
  const result = { day, from, issued, alreadyIssued, awaitingBudget, promoted: promoted.length, skipped, reminders: overdue.reminders, escalations: overdue.escalations, mailsQueued };
  await ports.store.recordRun(day, result, ports.now().toISOString());
  await ports.store.advanceWatermark(day);
  return result;
}

type IssuePlan = Extract<ReturnType<typeof planOccasion>, { action: 'issue' }>;

/** Chooses the best gift the line can afford and writes task + reservation; a lost race re-reads the line and chooses again. */
async function issueOne(occasion: Occasion, account: OccasionAccount, plan: IssuePlan, lines: LineCache, ports: DailyGiftPorts): Promise<{ task: GiftTask; issued: boolean }> {
  const gifts = ports.config.giftTasks;
  const taskId = giftTaskId(occasion.accountId, occasion.sourceId, plan.occasionDate);
  const budgetMonth = monthOf(plan.occasionDate);
  for (let attempt = 1; ; attempt++) {
    const line = await lines.get(budgetMonth, attempt > 1);
    // After repeated lost races (or a line that cannot take conditions) the task waits for approval rather than fail the run.
    const available = attempt > 3 ? 0 : line ? availableOf(line) : 0;
    const choice = chooseGift(gifts.catalogue, plan.tier, occasion.kind, available);
    if (choice.kind === 'no-suitable-gift') throw new Error(`no gift suits ${occasion.kind} for tier ${plan.tier}`);
    const chosen = choice.kind === 'chosen';
    const task: GiftTask = {
      taskId,
      accountId: occasion.accountId,
      sourceId: occasion.sourceId,
      managerId: account.managerId,
      tier: plan.tier,
      occasionKind: occasion.kind,
      occasionDate: plan.occasionDate,
      issueDate: plan.issueDate,
      personName: occasion.personName,
      ...(account.name !== undefined && { accountName: account.name }),
      giftId: chosen ? choice.gift.id : choice.preferred.id,
      reservedKopecks: chosen ? choice.priceKopecks : 0,
      priceKopecks: choice.priceKopecks,
      budgetMonth,
      costItem: gifts.costItem,
      state: chosen ? 'open' : 'awaiting-budget',
      ...(plan.belated && { belated: true }),
    };
    const outcome = await ports.store.issueTask(task, ports.now().toISOString());
    if (outcome === 'issued') {
      lines.reserved(budgetMonth, task.reservedKopecks);
      return { task, issued: true };
    }
    if (outcome === 'already-issued') return { task: (await ports.store.getTask(taskId)) ?? task, issued: false };
    if (attempt > 4) throw new Error(`task ${taskId} could not be written`);
  }
}

/**
 * Tasks awaiting budget whose occasion is still ahead get another chance every day: once the
 * owner raises the line, the best affordable gift is reserved and the manager hears of it.
 */
async function promoteAwaiting(first: IsoDate, last: IsoDate, lines: LineCache, ports: DailyGiftPorts): Promise<GiftTask[]> {
  const gifts = ports.config.giftTasks;
  const promoted: GiftTask[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    for (const task of (await ports.store.openTasksOn(d)).filter((t) => t.state === 'awaiting-budget')) {
      const line = await lines.get(task.budgetMonth, true);
      const choice = chooseGift(gifts.catalogue, task.tier, task.occasionKind, line ? availableOf(line) : 0);
      if (choice.kind !== 'chosen') continue;
      const next: GiftTask = { ...task, state: 'open', giftId: choice.gift.id, reservedKopecks: choice.priceKopecks, priceKopecks: choice.priceKopecks };
      if ((await ports.store.promoteTask(task, next)) === 'promoted') {
        lines.reserved(task.budgetMonth, choice.priceKopecks);
        promoted.push(next);
      }
    }
  }
  return promoted;
}

async function mailDigests(day: IsoDate, tasks: readonly GiftTask[], lines: LineCache, ports: DailyGiftPorts): Promise<number> {
  const gifts = ports.config.giftTasks;
  const expires = new Date(ports.now().getTime() + gifts.linkValidityDays * 86_400_000);
  const byManager = groupBy(tasks, (t) => t.managerId);
  const managers = await ports.managers.getManagers([...byManager.keys()]);
  let sent = 0;
  for (const [managerId, managerTasks] of byManager) {
    const manager = managers.get(managerId);
    if (!manager) {
      ports.log?.('gift digest not sent: manager unknown', { managerId, tasks: managerTasks.length });
      continue;
    }
    const inMail: TaskInMail[] = [];
    for (const task of managerTasks) {
      const line = await lines.get(task.budgetMonth);
      inMail.push({
        task,
        doneUrl: await ports.links.url(task.taskId, 'done', expires),
        cancelUrl: await ports.links.url(task.taskId, 'cancel', expires),
        ...(line && { lineLeftKopecks: availableOf(line) }),
      });
    }
    const message = managerTaskDigest({ to: manager.email, managerName: manager.fullName, language: manager.language, day, tasks: inMail, catalogue: gifts.catalogue });
    if (await enqueueOnce('gift-digest', `gift-digest/${day}/${managerId}`, message, ports)) sent++;
  }
  return sent + (await askLineOwners(day, tasks, lines, ports));
}

/** The day after an occasion the manager is reminded of an open task; `escalateAfterDays` later the line's owner hears of it. */
async function remindAndEscalate(from: IsoDate, day: IsoDate, ports: DailyGiftPorts): Promise<{ reminders: number; escalations: number; mailsQueued: number }> {
  const gifts = ports.config.giftTasks;
  const language = ports.config.languages[0] ?? 'ru';
  const remind: GiftTask[] = [];
  const escalate: GiftTask[] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) {
    remind.push(...(await ports.store.openTasksOn(addDays(d, -1))));
    escalate.push(...(await ports.store.openTasksOn(addDays(d, -1 - gifts.escalateAfterDays))));
  }
  let mailsQueued = 0;
  const managers = await ports.managers.getManagers([...new Set(remind.map((t) => t.managerId))]);
  for (const [managerId, tasks] of groupBy(remind, (t) => t.managerId)) {
    const manager = managers.get(managerId);
    if (!manager) continue;
    // Fresh links: the ones in the first mail may be close to expiring by now.
    const message = overdueTasksMail({ to: manager.email, language: manager.language, kind: 'reminder', tasks: await withLinks(tasks, ports), catalogue: gifts.catalogue });
    if (await enqueueOnce('gift-reminder', `gift-reminder/${day}/${managerId}/${digestOf(tasks)}`, message, ports)) mailsQueued++;
  }
  const lines = new LineCache(ports.store, gifts.costItem);
  for (const [month, tasks] of groupBy(escalate, (t) => t.budgetMonth)) {
    const owner = (await lines.get(month))?.ownerEmail;
    if (!owner) continue;
    const message = overdueTasksMail({ to: owner, language, kind: 'escalation', tasks: await withLinks(tasks, ports), catalogue: gifts.catalogue });
    if (await enqueueOnce('gift-escalation', `gift-escalation/${day}/${month}/${digestOf(tasks)}`, message, ports)) mailsQueued++;
  }
  return { reminders: remind.length, escalations: escalate.length, mailsQueued };
}

async function withLinks(tasks: readonly GiftTask[], ports: DailyGiftPorts): Promise<TaskInMail[]> {
  const expires = new Date(ports.now().getTime() + ports.config.giftTasks.linkValidityDays * 86_400_000);
  return Promise.all(
    tasks.map(async (task) => ({ task, doneUrl: await ports.links.url(task.taskId, 'done', expires), cancelUrl: await ports.links.url(task.taskId, 'cancel', expires) })),
  );
}

/** A short, fixed-length name for a set of tasks, so a mail key stays far below DynamoDB's key limit. */
function digestOf(tasks: readonly GiftTask[]): string {
  return createHash('sha256').update(tasks.map((t) => t.taskId).sort().join(',')).digest('base64url').slice(0, 22);
}

/**
 * Queues the mail under the hash of its business key: a retried or concurrent run of the same day
 * finds it queued and adds nothing. The digests aggregate many tasks, so they are queued by the run
 * rather than in each task's transaction. Only this run's new mails count.
 */
async function enqueueOnce(kind: MailKind, key: string, message: MailMessage, ports: DailyGiftPorts): Promise<boolean> {
  const { enqueued } = await ports.outbox.enqueue([{ mailId: mailIdOf(key), kind, ...message }], ports.now().toISOString());
  return enqueued === 1;
}

class LineCache {
  private readonly lines = new Map<string, BudgetLine | undefined>();
  constructor(
    private readonly store: GiftStore,
    private readonly costItem: string,
  ) {}
  async get(month: string, fresh = false): Promise<BudgetLine | undefined> {
    if (fresh || !this.lines.has(month)) this.lines.set(month, await this.store.budgetLine(month, this.costItem));
    return this.lines.get(month);
  }
  reserved(month: string, amount: number): void {
    const line = this.lines.get(month);
    if (line) this.lines.set(month, { ...line, reservedKopecks: line.reservedKopecks + amount });
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function max(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

