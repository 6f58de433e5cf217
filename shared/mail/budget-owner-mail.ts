import type { BudgetLine } from '../domain/gifts/budget-line.ts';
import type { GiftTask } from '../domain/gifts/gift-task.ts';
import { formatRubIn, type Kopecks } from '../domain/money.ts';
import type { MailMessage } from '../ports/mailer.ts';
import type { GiftKind } from '../schemas/programme-config.ts';
import { giftName, occasionNames, type Language } from './gift-task-mail.ts';
import { escapeHtml, htmlTable, link } from './html.ts';

/** The mails a budget line's owner gets: a request for more budget, a missing line, an overrun to decide. Each decision is a signed link. */
const words = {
  en: {
    columns: ['Occasion', 'Date', 'Gift', 'Price'],
    approvalSubject: (n: number, line: string) => `Budget approval needed for ${n} gift task(s) on ${line}`,
    approvalIntro: (line: string, missing: string) => `These gift tasks could not be covered by the budget line ${line}: it is short by ${missing}.`,
    raise: (missing: string) => `Raise the line by ${missing}`,
    decline: 'Decline and cancel these tasks',
    approvalAfter: 'After a raise the tasks get their reservation at the next daily run, and their managers are told. The links work once.',
    missingSubject: (line: string) => `The budget line ${line} does not exist yet`,
    missingIntro: (line: string, n: number) =>
      `${n} gift task(s) of ${line} wait for budget, but the line does not exist yet. Create it (npx vip budget set, or the budgets import); the waiting tasks are then issued by the next daily run.`,
    overrunSubject: (line: string) => `Overrun on the budget line ${line}: your decision`,
    overrunIntro: (actual: string, over: string, line: string) => `A gift task was done at ${actual}, ${over} more than the budget line ${line} had left. The cost is recorded; please approve or decline the overrun.`,
    approve: 'Approve the overrun',
    declineOverrun: 'Decline the overrun',
  },
  ru: {
    columns: ['Событие', 'Дата', 'Подарок', 'Цена'],
    approvalSubject: (n: number, line: string) => `Нужно согласование бюджета для задач по подаркам (${n}), статья ${line}`,
    approvalIntro: (line: string, missing: string) => `Эти задачи не покрываются статьёй бюджета ${line}: не хватает ${missing}.`,
    raise: (missing: string) => `Увеличить статью на ${missing}`,
    decline: 'Отклонить и отменить эти задачи',
    approvalAfter: 'После увеличения задачи получат резерв при следующем ежедневном запуске, а их менеджеры — уведомление. Ссылки срабатывают один раз.',
    missingSubject: (line: string) => `Статьи бюджета ${line} ещё нет`,
    missingIntro: (line: string, n: number) =>
      `Задачи по подаркам (${n}) ждут бюджета по статье ${line}, но её ещё нет. Создайте её (npx vip budget set или импорт budgets); ожидающие задачи будут выданы при следующем ежедневном запуске.`,
    overrunSubject: (line: string) => `Перерасход по статье бюджета ${line}: нужно ваше решение`,
    overrunIntro: (actual: string, over: string, line: string) =>
      `Задача по подарку выполнена за ${actual} — на ${over} больше остатка по статье ${line}. Расход учтён; согласуйте или отклоните перерасход.`,
    approve: 'Согласовать перерасход',
    declineOverrun: 'Отклонить перерасход',
  },
} as const;

const lineName = (month: string, costItem: string) => `${month} ${costItem}`;

function taskRows(tasks: readonly GiftTask[], language: Language, catalogue: readonly GiftKind[]): string[][] {
  return tasks.map((t) => [occasionNames[language][t.occasionKind], t.occasionDate, giftName(catalogue, t.giftId, language), formatRubIn(t.priceKopecks, language)]);
}

function withLinks(intro: string, rows: string[][], language: Language, links: readonly { label: string; url: string }[], after?: string): Pick<MailMessage, 'text' | 'html'> {
  const w = words[language];
  return {
    text: [intro, '', ...rows.map((r) => r.join(' | ')), '', ...links.map((l) => `${l.label}: ${l.url}`), ...(after ? ['', after] : [])].join('\n'),
    html: `<p>${escapeHtml(intro)}</p>${rows.length ? htmlTable(w.columns, rows) : ''}<p>${links
      .map((l) => (link(l.url, l.label) as { html: string }).html)
      .join(' &nbsp; ')}</p>${after ? `<p>${escapeHtml(after)}</p>` : ''}`,
  };
}

/** The day's tasks on a line that could not afford them, with the two decisions: raise by what is missing, or decline. */
export function budgetApprovalMail(input: {
  to: string;
  language: Language;
  line: BudgetLine;
  missingKopecks: Kopecks;
  tasks: readonly GiftTask[];
  catalogue: readonly GiftKind[];
  raiseUrl: string;
  declineUrl: string;
}): MailMessage {
  const w = words[input.language];
  const line = lineName(input.line.month, input.line.costItem);
  const missing = formatRubIn(input.missingKopecks, input.language);
  return {
    to: input.to,
    subject: w.approvalSubject(input.tasks.length, line),
    ...withLinks(
      w.approvalIntro(line, missing),
      taskRows(input.tasks, input.language, input.catalogue),
      input.language,
      [
        { label: w.raise(missing), url: input.raiseUrl },
        { label: w.decline, url: input.declineUrl },
      ],
      w.approvalAfter,
    ),
  };
}

/** Tasks wait for a month whose line nobody created yet: the owner of the cost item is told, once. */
export function lineMissingMail(input: { to: string; language: Language; month: string; costItem: string; tasks: readonly GiftTask[]; catalogue: readonly GiftKind[] }): MailMessage {
  const w = words[input.language];
  const line = lineName(input.month, input.costItem);
  return { to: input.to, subject: w.missingSubject(line), ...withLinks(w.missingIntro(line, input.tasks.length), taskRows(input.tasks, input.language, input.catalogue), input.language, []) };
}

/** A done task cost more than its line had left: the cost is recorded, the owner approves or declines the overrun. */
export function overrunMail(input: {
  to: string;
  language: Language;
  task: GiftTask;
  actualKopecks: Kopecks;
  overrunKopecks: Kopecks;
  catalogue: readonly GiftKind[];
  approveUrl: string;
  declineUrl: string;
}): MailMessage {
  const w = words[input.language];
  const line = lineName(input.task.budgetMonth, input.task.costItem);
  return {
    to: input.to,
    subject: w.overrunSubject(line),
    ...withLinks(
      w.overrunIntro(formatRubIn(input.actualKopecks, input.language), formatRubIn(input.overrunKopecks, input.language), line),
      taskRows([input.task], input.language, input.catalogue),
      input.language,
      [
        { label: w.approve, url: input.approveUrl },
        { label: w.declineOverrun, url: input.declineUrl },
      ],
    ),
  };
}
