import type { CaseReason } from '../domain/surveys/closed-loop.ts';
import type { SurveyCase } from '../domain/surveys/survey-case.ts';
import { escapeHtml, htmlTable, link, type HtmlCell } from './html.ts';
import { accountLabelIn, dateIn, type ReaderLanguage } from './reader-labels.ts';

type Language = ReaderLanguage;

/** What a case mail says, before it becomes an outbox record (the caller adds id, kind, to). */
export interface CaseMailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface CaseLinks {
  readonly contacted: string;
  readonly resolved: string;
}

/** CSI attribute id -> label, in the reader's language. */
export type AttributeLabels = Readonly<Record<string, string>>;

const words = {
  en: {
    openedSubject: (account: string, wave: string) => `Client feedback needs your call: account ${account} (survey ${wave})`,
    reminderSubject: (account: string, due: string) => `Reminder: call account ${account} by ${due}`,
    escalationSubject: (account: string, manager: string) => `Escalation: unhappy client ${account} not contacted in time (manager ${manager})`,
    greeting: (name: string) => `Dear ${name},`,
    opened: (account: string, wave: string) => `a client of yours, account ${account}, gave low scores in the ${wave} satisfaction survey.`,
    consent: 'The client agreed to be contacted about these answers:',
    noConsent:
      'The client did not agree to be contacted about these particular answers, so the survey does not say who answered or what they wrote. Please take it up with the account in your regular contact.',
    due: (due: string) => `Please get in touch by ${due} (end of day) and record it with the first link; record the outcome with the second.`,
    reminder: (account: string, due: string) => `the client feedback case of account ${account} is still waiting for a first contact, due by ${due}.`,
    escalation: (account: string, manager: string, due: string, wave: string) =>
      `The closed-loop case of account ${account} (survey ${wave}) was due for a first contact by ${due}; manager ${manager} has not recorded one.`,
    contactedLink: 'I have contacted the client',
    resolvedLink: 'The case is resolved',
    columns: ['Question', 'Score', ''],
    low: 'low',
    nps: 'Likelihood to recommend (NPS, 0-10)',
    ces: 'Ease of getting issues resolved (CES, 1-7)',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    comment: 'Comment',
  },
  ru: {
    openedSubject: (account: string, wave: string) => `Отзыв клиента требует звонка: счёт ${account} (опрос ${wave})`,
    reminderSubject: (account: string, due: string) => `Напоминание: свяжитесь с клиентом ${account} до ${due}`,
    escalationSubject: (account: string, manager: string) => `Эскалация: недовольный клиент ${account} не получил звонка вовремя (менеджер ${manager})`,
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    opened: (account: string, wave: string) => `ваш клиент, счёт ${account}, поставил низкие оценки в опросе удовлетворённости ${wave}.`,
    consent: 'Клиент согласился, чтобы с ним связались по поводу этих ответов:',
    noConsent:
      'Клиент не дал согласия на звонок по поводу этих ответов, поэтому опрос не сообщает, кто ответил и что написал. Пожалуйста, обсудите обслуживание со счётом в рамках обычного контакта.',
    due: (due: string) => `Пожалуйста, свяжитесь до ${due} (до конца дня) и отметьте это первой ссылкой; итог — второй.`,
    reminder: (account: string, due: string) => `по отзыву клиента, счёт ${account}, всё ещё нет первого контакта; срок — ${due}.`,
    escalation: (account: string, manager: string, due: string, wave: string) =>
      `По отзыву клиента, счёт ${account} (опрос ${wave}), первый контакт должен был состояться до ${due}; менеджер ${manager} его не отметил.`,
    contactedLink: 'Я связался с клиентом',
    resolvedLink: 'Вопрос решён',
    columns: ['Вопрос', 'Оценка', ''],
    low: 'низкая',
    nps: 'Готовность рекомендовать (NPS, 0–10)',
    ces: 'Лёгкость решения вопросов (CES, 1–7)',
    name: 'Имя',
    email: 'E-mail',
    phone: 'Телефон',
    comment: 'Комментарий',
  },
} as const;

const accountLabel = (kase: SurveyCase) => accountLabelIn(kase.accountId, kase.accountName);
/** The first-contact deadline as the reader's language writes a date. */
const dueOf = (kase: SurveyCase, language: Language) => dateIn(kase.dates.dueOn, language);

function isLow(reasons: readonly CaseReason[], kind: 'nps' | 'ces' | 'csi', attributeId?: string): boolean {
  return reasons.some((r) => r.kind === kind && (r.kind !== 'csi' || r.attributeId === attributeId));
}

/** The scores as rows, low ones marked; attribute labels in the reader's language. */
export function scoreRows(kase: SurveyCase, language: Language, labels: AttributeLabels): string[][] {
  const w = words[language];
  const mark = (low: boolean) => (low ? w.low : '');
  return [
    [w.nps, String(kase.scores.nps), mark(isLow(kase.reasons, 'nps'))],
    ...Object.entries(kase.scores.csi).map(([id, score]) => [labels[id] ?? id, String(score), mark(isLow(kase.reasons, 'csi', id))]),
    [w.ces, String(kase.scores.ces), mark(isLow(kase.reasons, 'ces'))],
  ];
}

function contactRows(kase: SurveyCase, language: Language): string[][] {
  const w = words[language];
  const c = kase.contact;
  if (!c) return [];
  return [[w.name, c.fullName], [w.email, c.email], ...(c.phone ? [[w.phone, c.phone]] : []), ...(c.comment ? [[w.comment, c.comment]] : [])];
}

/** To the manager: the scores; who answered and the comment only with the client's consent. */
export function caseOpenedMail(input: { kase: SurveyCase; managerName: string; language: Language; labels: AttributeLabels; links: CaseLinks }): CaseMailContent {
  const { kase, language } = input;
  const w = words[language];
  const scores = scoreRows(kase, language, input.labels);
  const contact = contactRows(kase, language);
  const consentText = kase.contact ? [w.consent, ...contact.map(([k, v]) => `${k}: ${v}`)] : [w.noConsent];
  const text = [
    w.greeting(input.managerName),
    '',
    w.opened(accountLabel(kase), kase.waveKey),
    '',
    ...scores.map(([q, s, low]) => `${q}: ${s}${low ? ` (${low})` : ''}`),
    '',
    ...consentText,
    '',
    w.due(dueOf(kase, language)),
    `${w.contactedLink}: ${input.links.contacted}`,
    `${w.resolvedLink}: ${input.links.resolved}`,
  ].join('\n');
  const contactHtml = kase.contact
    ? `<p>${escapeHtml(w.consent)}</p>${htmlTable(['', ''], contact.map((r) => r as HtmlCell[]))}`
    : `<p>${escapeHtml(w.noConsent)}</p>`;
  const html = `<p>${escapeHtml(w.greeting(input.managerName))}</p><p>${escapeHtml(w.opened(accountLabel(kase), kase.waveKey))}</p>${htmlTable(w.columns, scores)}${contactHtml}<p>${escapeHtml(w.due(dueOf(kase, language)))}</p><p>${linksHtml(input.links, language)}</p>`;
  return { subject: w.openedSubject(kase.accountId, kase.waveKey), text, html };
}

function linksHtml(links: CaseLinks, language: Language): string {
  const w = words[language];
  return [link(links.contacted, w.contactedLink), link(links.resolved, w.resolvedLink)].map((l) => (typeof l === 'string' ? escapeHtml(l) : l.html)).join(' &nbsp; ');
}

export function caseReminderMail(input: { kase: SurveyCase; managerName: string; language: Language; links: CaseLinks }): CaseMailContent {
  const w = words[input.language];
  const { kase } = input;
  const text = [w.greeting(input.managerName), '', w.reminder(accountLabel(kase), dueOf(kase, input.language)), '', `${w.contactedLink}: ${input.links.contacted}`, `${w.resolvedLink}: ${input.links.resolved}`].join('\n');
  const html = `<p>${escapeHtml(w.greeting(input.managerName))}</p><p>${escapeHtml(w.reminder(accountLabel(kase), dueOf(kase, input.language)))}</p><p>${linksHtml(input.links, input.language)}</p>`;
  return { subject: w.reminderSubject(kase.accountId, dueOf(kase, input.language)), text, html };
}

/** To leadership: the account, the manager and the scores; never who answered or what they wrote. */
export function caseEscalationMail(input: { kase: SurveyCase; managerLabel: string; language: Language; labels: AttributeLabels }): CaseMailContent {
  const w = words[input.language];
  const { kase } = input;
  const scores = scoreRows(kase, input.language, input.labels);
  const intro = w.escalation(kase.accountId, input.managerLabel, dueOf(kase, input.language), kase.waveKey);
  const text = [intro, '', ...scores.map(([q, s, low]) => `${q}: ${s}${low ? ` (${low})` : ''}`)].join('\n');
  const html = `<p>${escapeHtml(intro)}</p>${htmlTable(w.columns, scores)}`;
  return { subject: w.escalationSubject(kase.accountId, input.managerLabel), text, html };
}
