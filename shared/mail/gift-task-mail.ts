import type { GiftKind, OccasionKind } from '../schemas/programme-config.ts';
import type { GiftTask } from '../domain/gifts/gift-task.ts';
import type { Kopecks } from '../domain/money.ts';
import type { MailMessage } from '../ports/mailer.ts';
import { escapeHtml, htmlTable, link } from './html.ts';
import { dateIn, moneyIn, personWithAccount, type ReaderLanguage } from './reader-labels.ts';

export type Language = ReaderLanguage;

/** A task as it appears in a mail: with its links and what is left on its budget line. */
export interface TaskInMail {
  readonly task: GiftTask;
  readonly doneUrl: string;
  readonly cancelUrl: string;
  readonly lineLeftKopecks?: Kopecks;
}

export const occasionNames: Record<Language, Record<OccasionKind, string>> = {
  en: { 'client-birthday': "client's birthday", 'director-birthday': "director's birthday", 'contact-birthday': "contact person's birthday", 'company-anniversary': 'company anniversary' },
  ru: { 'client-birthday': 'день рождения клиента', 'director-birthday': 'день рождения руководителя', 'contact-birthday': 'день рождения контактного лица', 'company-anniversary': 'годовщина компании' },
};

const words = {
  en: {
    digestSubject: (day: string, n: number) => `Gift tasks for ${day}: ${n} to prepare`,
    congratulate: 'the company',
    greeting: (name: string) => `Dear ${name},`,
    intro: 'Please buy and deliver these gifts so that they arrive on the day itself:',
    columns: ['Who', 'Occasion', 'Date', 'Suggested gift', 'Reserved', 'Left on the line', 'Done', 'Cancel'],
    belated: ' (belated)',
    awaiting: 'awaiting budget approval',
    markDone: 'mark done',
    cancel: 'cancel',
    reminderSubject: (n: number) => `Reminder: ${n} gift task(s) not marked done`,
    reminderIntro: 'The occasions of these tasks have passed and the tasks are still open:',
    escalationSubject: (n: number) => `Escalation: ${n} gift task(s) still open after their date`,
    escalationIntro: 'These tasks are still open several days after their occasion:',
    simpleColumns: ['Task', 'Manager', 'Occasion', 'Date', 'Gift', 'Reserved'],
  },
  ru: {
    digestSubject: (day: string, n: number) => `Задачи по подаркам на ${day}: ${n}`,
    congratulate: 'компания',
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: 'Купите и доставьте, пожалуйста, эти подарки так, чтобы они пришли точно в день события:',
    columns: ['Кому', 'Событие', 'Дата', 'Подарок', 'Зарезервировано', 'Остаток по статье', 'Выполнено', 'Отменить'],
    belated: ' (с опозданием)',
    awaiting: 'ожидает согласования бюджета',
    markDone: 'отметить выполненной',
    cancel: 'отменить',
    reminderSubject: (n: number) => `Напоминание: задачи по подаркам не отмечены выполненными — ${n}`,
    reminderIntro: 'Дата события прошла, а задачи всё ещё открыты:',
    escalationSubject: (n: number) => `Эскалация: задачи по подаркам открыты после даты события — ${n}`,
    escalationIntro: 'Эти задачи остаются открытыми спустя несколько дней после события:',
    simpleColumns: ['Задача', 'Менеджер', 'Событие', 'Дата', 'Подарок', 'Зарезервировано'],
  },
} as const;

export function giftName(catalogue: readonly GiftKind[], id: string, language: Language): string {
  return catalogue.find((g) => g.id === id)?.name[language] ?? id;
}

/**
 * Who gets the gift: the person, with their company once (a private client is the account
 * itself); for a company date the company, since the occasion's name is no person.
 */
function recipientOf(task: GiftTask, language: Language): string {
  if (task.occasionKind === 'company-anniversary') return task.accountName ?? words[language].congratulate;
  return personWithAccount(task.personName, task.accountName);
}

/** The occasion, with a company date's own name ("годовщина компании: 25 лет со дня основания"). */
function occasionOf(task: GiftTask, language: Language): string {
  const kind = occasionNames[language][task.occasionKind];
  if (task.occasionKind !== 'company-anniversary') return kind;
  const own = task.personName.trim();
  return own && own !== task.occasionKind && own.toLowerCase() !== kind ? `${kind}: ${own}` : kind;
}

export function managerTaskDigest(input: { to: string; managerName: string; language: Language; day: string; tasks: readonly TaskInMail[]; catalogue: readonly GiftKind[] }): MailMessage {
  const w = words[input.language];
  const rows = input.tasks.map(({ task, lineLeftKopecks }) => [
    recipientOf(task, input.language),
    occasionOf(task, input.language) + (task.belated ? w.belated : ''),
    dateIn(task.occasionDate, input.language),
    task.state === 'awaiting-budget' ? `${giftName(input.catalogue, task.giftId, input.language)}: ${w.awaiting}` : giftName(input.catalogue, task.giftId, input.language),
    moneyIn(task.reservedKopecks, input.language),
    lineLeftKopecks === undefined ? '' : moneyIn(lineLeftKopecks, input.language),
  ]);
  const withLinks = htmlTable(
    w.columns,
    rows.map((row, i) => [...row, link(input.tasks[i]!.doneUrl, w.markDone), link(input.tasks[i]!.cancelUrl, w.cancel)]),
  );
  const text = [
    w.greeting(input.managerName),
    '',
    w.intro,
    '',
    ...input.tasks.map(({ doneUrl, cancelUrl }, i) => `${rows[i]!.map((v, c) => `${w.columns[c]}: ${v}`).join('\n')}\n${w.columns[6]}: ${doneUrl}\n${w.columns[7]}: ${cancelUrl}\n`),
  ].join('\n');
  return { to: input.to, subject: w.digestSubject(dateIn(input.day, input.language), input.tasks.length), text, html: `<p>${escapeHtml(w.greeting(input.managerName))}</p><p>${escapeHtml(w.intro)}</p>${withLinks}` };
}

export function overdueTasksMail(input: { to: string; language: Language; kind: 'reminder' | 'escalation'; tasks: readonly TaskInMail[]; catalogue: readonly GiftKind[] }): MailMessage {
  const w = words[input.language];
  // The task id, not the person: an escalation goes to the line's owner, who is not told who is congratulated.
  const rows = input.tasks.map(({ task: t }) => [t.taskId, t.managerId, occasionNames[input.language][t.occasionKind], dateIn(t.occasionDate, input.language), giftName(input.catalogue, t.giftId, input.language), moneyIn(t.reservedKopecks, input.language)]);
  const intro = input.kind === 'reminder' ? w.reminderIntro : w.escalationIntro;
  return {
    to: input.to,
    subject: input.kind === 'reminder' ? w.reminderSubject(input.tasks.length) : w.escalationSubject(input.tasks.length),
    text: [intro, '', ...rows.map((r, i) => `${r.join(' | ')}\n  ${w.columns[6]}: ${input.tasks[i]!.doneUrl}\n  ${w.columns[7]}: ${input.tasks[i]!.cancelUrl}`)].join('\n'),
    html: `<p>${escapeHtml(intro)}</p>${htmlTable([...w.simpleColumns, w.columns[6], w.columns[7]], rows.map((r, i) => [...r, link(input.tasks[i]!.doneUrl, w.markDone), link(input.tasks[i]!.cancelUrl, w.cancel)]))}`,
  };
}
