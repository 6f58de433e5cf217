import type { GiftTask } from '../domain/gifts/gift-task.ts';
import { formatRubIn, type Kopecks } from '../domain/money.ts';
import type { GiftKind } from '../schemas/programme-config.ts';
import { giftName, occasionNames } from './gift-task-mail.ts';
import { taskLinkPage, type PageLanguage, type TaskLinkPage } from './task-link-page.ts';

/** A task as its manager sees it on the page: the same labels and names as in the task mail. */
export interface TaskView {
  readonly task: GiftTask;
  readonly language: PageLanguage;
  readonly catalogue: readonly GiftKind[];
}

const words = {
  en: {
    labels: { who: 'Who', occasion: 'Occasion', date: 'Date', gift: 'Suggested gift', reserved: 'Reserved' },
    belated: ' (belated)',
    damaged: ['This link is damaged', 'Its address was altered or cut short. Use the link exactly as it came in the mail.'],
    invalid: ['This link is not valid', 'It may have been altered or cut short. Use the link exactly as it came in the mail.'],
    expired: ['This link has expired', 'Ask for the task to be sent again, or close it in the CRM.'],
    noTask: ['No such task', 'The task this link points to does not exist.'],
    method: ['Method not allowed', 'Use the form on the page.'],
    closed: (done: boolean) => [done ? 'This task is already done' : 'This task is already cancelled', 'A link works once; nothing was changed.'],
    notOpen: ['This task is no longer open', 'Nothing was changed.'],
    confirmDone: 'Mark the gift task done',
    costLabel: 'Actual cost, RUB',
    markDone: 'Mark done',
    confirmCancel: 'Cancel the gift task',
    cancelTask: 'Cancel the task',
    awaiting: ['This task is waiting for budget approval', "The gift's budget has not been approved yet: buy it once the task is confirmed. Nothing was changed."],
    badCost: (got: string) => ['The actual cost is not valid', `Enter what the gift cost in roubles, e.g. 3500 or 3500.50 (got "${got}"). Nothing was changed.`],
    implausible: (amount: string, factor: number) => ['The actual cost is not plausible', `${amount} is more than ${factor} times the gift's price; check the amount. Nothing was changed.`],
    noLine: (line: string) => ['The budget line does not exist', `The line ${line} does not exist, so the cost cannot be recorded; ask its owner to create it. Nothing was changed.`],
    done: 'Task done',
    spent: (actual: string, back: string) => `Spent ${actual}; ${back} of the reservation went back to the line.`,
    overrun: (actual: string, over: string) =>
      `Spent ${actual}. That is ${over} more than the budget line had left: the overrun is recorded and the line's owner is asked to approve it.`,
    cancelled: 'Task cancelled',
    released: (amount: string) => `The reservation of ${amount} is released.`,
  },
  ru: {
    labels: { who: 'Кому', occasion: 'Событие', date: 'Дата', gift: 'Подарок', reserved: 'Зарезервировано' },
    belated: ' (с опозданием)',
    damaged: ['Ссылка повреждена', 'Её адрес изменён или обрезан. Откройте ссылку точно в том виде, в каком она пришла в письме.'],
    invalid: ['Ссылка недействительна', 'Возможно, она изменена или обрезана. Откройте ссылку точно в том виде, в каком она пришла в письме.'],
    expired: ['Срок действия ссылки истёк', 'Попросите прислать задачу ещё раз или закройте её в CRM.'],
    noTask: ['Задача не найдена', 'Задачи, на которую ведёт ссылка, нет.'],
    method: ['Метод не поддерживается', 'Воспользуйтесь формой на странице.'],
    closed: (done: boolean) => [done ? 'Задача уже выполнена' : 'Задача уже отменена', 'Ссылка срабатывает один раз; ничего не изменено.'],
    notOpen: ['Задача уже не открыта', 'Ничего не изменено.'],
    confirmDone: 'Отметить задачу выполненной',
    costLabel: 'Фактическая стоимость, ₽',
    markDone: 'Отметить выполненной',
    confirmCancel: 'Отменить задачу по подарку',
    cancelTask: 'Отменить задачу',
    awaiting: ['Задача ожидает согласования бюджета', 'Бюджет на подарок ещё не согласован: купите его, когда задача будет подтверждена. Ничего не изменено.'],
    badCost: (got: string) => ['Фактическая стоимость указана неверно', `Укажите стоимость подарка в рублях, например 3500 или 3500,50 (введено «${got}»). Ничего не изменено.`],
    implausible: (amount: string, factor: number) => ['Фактическая стоимость неправдоподобна', `${amount} — больше чем в ${factor} раза выше цены подарка; проверьте сумму. Ничего не изменено.`],
    noLine: (line: string) => ['Статьи бюджета нет', `Статьи ${line} нет, поэтому стоимость нельзя учесть; попросите её владельца создать статью. Ничего не изменено.`],
    done: 'Задача выполнена',
    spent: (actual: string, back: string) => `Потрачено ${actual}; ${back} из резерва вернулось в статью бюджета.`,
    overrun: (actual: string, over: string) =>
      `Потрачено ${actual}. Это на ${over} больше остатка по статье бюджета: перерасход учтён, владельцу статьи отправлен запрос на его согласование.`,
    cancelled: 'Задача отменена',
    released: (amount: string) => `Резерв ${amount} возвращён в статью бюджета.`,
  },
} as const;

const page = (status: number, language: PageLanguage, [title, text]: readonly [string, string] | readonly string[]) => taskLinkPage(status, language, title!, [text!]);

/** The task in the mail's words: who, occasion, date, gift, reservation. */
export function taskSummary({ task, language, catalogue }: TaskView): string[] {
  const w = words[language];
  const who = task.accountName && task.accountName !== task.personName ? `${task.personName} (${task.accountName})` : task.personName;
  return [
    `${w.labels.who}: ${who}`,
    `${w.labels.occasion}: ${occasionNames[language][task.occasionKind]}${task.belated ? w.belated : ''}`,
    `${w.labels.date}: ${task.occasionDate}`,
    `${w.labels.gift}: ${giftName(catalogue, task.giftId, language)}`,
    `${w.labels.reserved}: ${formatRubIn(task.reservedKopecks, language)}`,
  ];
}

/** An amount as the cost field shows it: "9000,00" in Russian, "9000.00" in English (both are read back). */
function costFieldValue(kopecks: Kopecks, language: PageLanguage): string {
  const text = (kopecks / 100).toFixed(2);
  return language === 'ru' ? text.replace('.', ',') : text;
}

export const taskPages = {
  damaged: (language: PageLanguage) => page(400, language, words[language].damaged),
  invalid: (language: PageLanguage) => page(403, language, words[language].invalid),
  expired: (language: PageLanguage) => page(410, language, words[language].expired),
  noTask: (language: PageLanguage) => page(404, language, words[language].noTask),
  methodNotAllowed: (language: PageLanguage) => page(405, language, words[language].method),
  closed: (language: PageLanguage, state: 'done' | 'cancelled') => page(409, language, words[language].closed(state === 'done')),
  notOpen: (language: PageLanguage) => page(409, language, words[language].notOpen),
  badCost: (language: PageLanguage, got: string) => page(400, language, words[language].badCost(got)),
  implausible: (language: PageLanguage, actual: Kopecks, factor: number) => page(400, language, words[language].implausible(formatRubIn(actual, language), factor)),
  noLine: (view: TaskView) => page(409, view.language, words[view.language].noLine(`${view.task.budgetMonth} ${view.task.costItem}`)),

  /** GET of a done link: no form while the task waits for budget approval (there is nothing to buy yet). */
  confirmDone(view: TaskView): TaskLinkPage {
    const w = words[view.language];
    if (view.task.state === 'awaiting-budget') return taskLinkPage(200, view.language, w.awaiting[0], [...taskSummary(view), w.awaiting[1]]);
    return taskLinkPage(200, view.language, w.confirmDone, taskSummary(view), {
      submit: w.markDone,
      cost: { label: w.costLabel, value: costFieldValue(view.task.reservedKopecks || view.task.priceKopecks, view.language) },
    });
  },
  /** POST of a done link for a task awaiting budget: refused, nothing changes. */
  awaitingBudget: (view: TaskView) => taskLinkPage(409, view.language, words[view.language].awaiting[0], [...taskSummary(view), words[view.language].awaiting[1]]),
  confirmCancel: (view: TaskView) => taskLinkPage(200, view.language, words[view.language].confirmCancel, taskSummary(view), { submit: words[view.language].cancelTask }),
  done(view: TaskView, actual: Kopecks): TaskLinkPage {
    const w = words[view.language];
    const back = formatRubIn(Math.max(0, view.task.reservedKopecks - actual), view.language);
    return taskLinkPage(200, view.language, w.done, [...taskSummary(view), w.spent(formatRubIn(actual, view.language), back)]);
  },
  doneWithOverrun(view: TaskView, actual: Kopecks, overrun: Kopecks): TaskLinkPage {
    const w = words[view.language];
    return taskLinkPage(200, view.language, w.done, [...taskSummary(view), w.overrun(formatRubIn(actual, view.language), formatRubIn(overrun, view.language))]);
  },
  cancelled: (view: TaskView) =>
    taskLinkPage(200, view.language, words[view.language].cancelled, [...taskSummary(view), words[view.language].released(formatRubIn(view.task.reservedKopecks, view.language))]),
};
