import type { BudgetRequest } from '../domain/gifts/budget-request.ts';
import type { GiftTask } from '../domain/gifts/gift-task.ts';
import { formatRubIn } from '../domain/money.ts';
import type { GiftKind } from '../schemas/programme-config.ts';
import { giftName, occasionNames } from './gift-task-mail.ts';
import { taskLinkPage, type PageLanguage, type TaskLinkPage } from './task-link-page.ts';

/** The pages a line owner's links answer with (GET confirms, POST decides), in the programme's language. */
const words = {
  en: {
    line: (line: string) => `Budget line: ${line}`,
    tasks: (n: number) => `Gift tasks waiting: ${n}`,
    missing: (amount: string) => `Missing: ${amount}`,
    raiseTitle: 'Raise the budget line',
    raiseButton: (amount: string) => `Raise by ${amount}`,
    declineTitle: 'Decline the budget request',
    declineButton: 'Decline and cancel the waiting tasks',
    raised: ['The budget line is raised', (line: string, amount: string) => `${line}: allocation raised by ${amount}. The waiting tasks get their reservation at the next daily run.`],
    declined: ['The budget request is declined', (n: number) => `${n} waiting task(s) cancelled; nothing had been reserved for them.`],
    decided: (raised: boolean) => [raised ? 'This request is already approved' : 'This request is already declined', 'A link works once; nothing was changed.'],
    noLine: ['The budget line does not exist', 'Create the line first (npx vip budget set); nothing was changed.'],
    noRequest: ['No such request', 'The request this link points to does not exist.'],
    task: (occasion: string, date: string, gift: string) => `Task: ${occasion}, ${date}, ${gift}`,
    cost: (actual: string, over: string) => `Actual cost: ${actual}; beyond what the line had left: ${over}`,
    approveTitle: 'Approve the overrun',
    approveButton: 'Approve',
    declineOverrunTitle: 'Decline the overrun',
    declineOverrunButton: 'Decline',
    overrunDone: (approved: boolean) => [approved ? 'Overrun approved' : 'Overrun declined', approved ? 'The line shows the overrun as approved.' : 'The line shows the overrun as declined; the cost stays recorded.'],
    overrunDecided: (approved: boolean) => [approved ? 'This overrun is already approved' : 'This overrun is already declined', 'A link works once; nothing was changed.'],
    noOverrun: ['No overrun to decide', 'This task has no overrun waiting for a decision.'],
  },
  ru: {
    line: (line: string) => `Статья бюджета: ${line}`,
    tasks: (n: number) => `Задач в ожидании: ${n}`,
    missing: (amount: string) => `Не хватает: ${amount}`,
    raiseTitle: 'Увеличить статью бюджета',
    raiseButton: (amount: string) => `Увеличить на ${amount}`,
    declineTitle: 'Отклонить запрос бюджета',
    declineButton: 'Отклонить и отменить ожидающие задачи',
    raised: ['Статья бюджета увеличена', (line: string, amount: string) => `${line}: выделенная сумма увеличена на ${amount}. Ожидающие задачи получат резерв при следующем ежедневном запуске.`],
    declined: ['Запрос бюджета отклонён', (n: number) => `Отменено ожидающих задач: ${n}; резерва на них не было.`],
    decided: (raised: boolean) => [raised ? 'Запрос уже согласован' : 'Запрос уже отклонён', 'Ссылка срабатывает один раз; ничего не изменено.'],
    noLine: ['Статьи бюджета нет', 'Сначала создайте статью (npx vip budget set); ничего не изменено.'],
    noRequest: ['Запрос не найден', 'Запроса, на который ведёт ссылка, нет.'],
    task: (occasion: string, date: string, gift: string) => `Задача: ${occasion}, ${date}, ${gift}`,
    cost: (actual: string, over: string) => `Фактическая стоимость: ${actual}; сверх остатка по статье: ${over}`,
    approveTitle: 'Согласовать перерасход',
    approveButton: 'Согласовать',
    declineOverrunTitle: 'Отклонить перерасход',
    declineOverrunButton: 'Отклонить',
    overrunDone: (approved: boolean) => [approved ? 'Перерасход согласован' : 'Перерасход отклонён', approved ? 'Статья показывает перерасход как согласованный.' : 'Статья показывает перерасход как отклонённый; расход остаётся учтённым.'],
    overrunDecided: (approved: boolean) => [approved ? 'Перерасход уже согласован' : 'Перерасход уже отклонён', 'Ссылка срабатывает один раз; ничего не изменено.'],
    noOverrun: ['Нет перерасхода для решения', 'У этой задачи нет перерасхода, ожидающего решения.'],
  },
} as const;

const lineOf = (r: { month: string; costItem: string }) => `${r.month} ${r.costItem}`;

function requestLines(request: BudgetRequest, language: PageLanguage): string[] {
  const w = words[language];
  return [w.line(lineOf(request)), w.tasks(request.taskIds.length), w.missing(formatRubIn(request.missingKopecks, language))];
}

function overrunLines(task: GiftTask, language: PageLanguage, catalogue: readonly GiftKind[]): string[] {
  const w = words[language];
  return [
    w.line(`${task.budgetMonth} ${task.costItem}`),
    w.task(occasionNames[language][task.occasionKind], task.occasionDate, giftName(catalogue, task.giftId, language)),
    w.cost(formatRubIn(task.actualKopecks ?? 0, language), formatRubIn(task.overrunKopecks ?? 0, language)),
  ];
}

export const ownerPages = {
  confirmRaise(request: BudgetRequest, language: PageLanguage): TaskLinkPage {
    const w = words[language];
    return taskLinkPage(200, language, w.raiseTitle, requestLines(request, language), { submit: w.raiseButton(formatRubIn(request.missingKopecks, language)) });
  },
  confirmDecline(request: BudgetRequest, language: PageLanguage): TaskLinkPage {
    const w = words[language];
    return taskLinkPage(200, language, w.declineTitle, requestLines(request, language), { submit: w.declineButton });
  },
  raised: (request: BudgetRequest, language: PageLanguage) =>
    taskLinkPage(200, language, words[language].raised[0], [words[language].raised[1](lineOf(request), formatRubIn(request.missingKopecks, language))]),
  declined: (cancelled: number, language: PageLanguage) => taskLinkPage(200, language, words[language].declined[0], [words[language].declined[1](cancelled)]),
  requestDecided: (raised: boolean, language: PageLanguage) => taskLinkPage(409, language, words[language].decided(raised)[0]!, [words[language].decided(raised)[1]!]),
  noLine: (language: PageLanguage) => taskLinkPage(409, language, words[language].noLine[0], [words[language].noLine[1]]),
  noRequest: (language: PageLanguage) => taskLinkPage(404, language, words[language].noRequest[0], [words[language].noRequest[1]]),

  confirmOverrun(task: GiftTask, approve: boolean, language: PageLanguage, catalogue: readonly GiftKind[]): TaskLinkPage {
    const w = words[language];
    return taskLinkPage(200, language, approve ? w.approveTitle : w.declineOverrunTitle, overrunLines(task, language, catalogue), {
      submit: approve ? w.approveButton : w.declineOverrunButton,
    });
  },
  overrunDecided: (task: GiftTask, approved: boolean, language: PageLanguage, catalogue: readonly GiftKind[]) =>
    taskLinkPage(200, language, words[language].overrunDone(approved)[0]!, [...overrunLines(task, language, catalogue), words[language].overrunDone(approved)[1]!]),
  overrunAlreadyDecided: (approved: boolean, language: PageLanguage) => taskLinkPage(409, language, words[language].overrunDecided(approved)[0]!, [words[language].overrunDecided(approved)[1]!]),
  noOverrun: (language: PageLanguage) => taskLinkPage(409, language, words[language].noOverrun[0], [words[language].noOverrun[1]]),
};
