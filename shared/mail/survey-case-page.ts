import type { SurveyCase } from '../domain/surveys/survey-case.ts';
import type { CaseLinkAction } from '../domain/surveys/case-link.ts';
import { escapeHtml, htmlTable } from './html.ts';
import { scoreRows, type AttributeLabels } from './survey-case-mail.ts';
import type { SurveyPage } from './survey-page.ts';

type Language = 'ru' | 'en';

/** At most this many characters of a manager's note are kept. */
export const caseNoteMaxLength = 2000;

const words = {
  en: {
    title: { 'case-contacted': 'Record the first contact', 'case-resolved': 'Record the outcome' },
    submit: { 'case-contacted': 'I have contacted the client', 'case-resolved': 'Mark the case resolved' },
    note: 'Note (what was agreed; optional)',
    summary: (account: string, wave: string, state: string, due: string) => `Account ${account}, survey ${wave}, state: ${state}, first contact due by ${due}.`,
    state: { open: 'open', contacted: 'contacted', resolved: 'resolved' },
    done: { 'case-contacted': ['Contact recorded', 'Thank you. Record the outcome with the second link in the mail when the case is settled.'], 'case-resolved': ['Case resolved', 'Thank you; the case is closed.'] },
    again: ['Already recorded', 'This step of the case was already recorded; nothing was changed.'],
    missing: ['No such case', 'The case this link points to does not exist any more.'],
    tooLong: (max: number) => `The note may be at most ${max} characters long. Nothing was changed.`,
  },
  ru: {
    title: { 'case-contacted': 'Отметить первый контакт', 'case-resolved': 'Отметить итог' },
    submit: { 'case-contacted': 'Я связался с клиентом', 'case-resolved': 'Вопрос решён' },
    note: 'Заметка (о чём договорились; необязательно)',
    summary: (account: string, wave: string, state: string, due: string) => `Счёт ${account}, опрос ${wave}, состояние: ${state}, первый контакт — до ${due}.`,
    state: { open: 'открыт', contacted: 'клиент получил звонок', resolved: 'решён' },
    done: { 'case-contacted': ['Контакт отмечен', 'Спасибо. Когда вопрос будет решён, отметьте итог второй ссылкой из письма.'], 'case-resolved': ['Вопрос решён', 'Спасибо, случай закрыт.'] },
    again: ['Уже отмечено', 'Этот шаг уже был отмечен; ничего не изменено.'],
    missing: ['Случай не найден', 'Случая, на который указывает ссылка, больше нет.'],
    tooLong: (max: number) => `Заметка может быть не длиннее ${max} символов. Ничего не изменено.`,
  },
} as const;

const style = 'body{font-family:system-ui,sans-serif;line-height:1.4;margin:0 auto;max-width:40em;padding:1em}textarea{width:100%;box-sizing:border-box;font:inherit}button{font-size:1.1em;padding:.6em 1.2em}.error{color:#a00;font-weight:600}';

function page(status: number, language: Language, title: string, body: string): SurveyPage {
  return {
    status,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

/** The manager's page for a case link: the case in brief (no client identity) and a form with a note. */
export function caseFormPage(input: { kase: SurveyCase; action: CaseLinkAction; language: Language; labels: AttributeLabels; error?: string; note?: string; status?: number }): SurveyPage {
  const w = words[input.language];
  const { kase } = input;
  const summary = w.summary(kase.accountId, kase.waveKey, w.state[kase.state], kase.dates.dueOn);
  const error = input.error ? `<p class="error">${escapeHtml(input.error)}</p>` : '';
  const form = `<form method="post"><label>${escapeHtml(w.note)}<br><textarea name="note" rows="4" maxlength="${caseNoteMaxLength}">${escapeHtml(input.note ?? '')}</textarea></label><p><button type="submit">${escapeHtml(w.submit[input.action])}</button></p></form>`;
  return page(input.status ?? 200, input.language, w.title[input.action], `<p>${escapeHtml(summary)}</p>${htmlTable(['', '', ''], scoreRows(kase, input.language, input.labels))}${error}${form}`);
}

export const caseNoteTooLong = (language: Language) => words[language].tooLong(caseNoteMaxLength);

export function caseNoticePage(notice: 'done-contacted' | 'done-resolved' | 'again' | 'missing', language: Language): SurveyPage {
  const w = words[language];
  if (notice === 'done-contacted') return page(200, language, w.done['case-contacted'][0], `<p>${escapeHtml(w.done['case-contacted'][1])}</p>`);
  if (notice === 'done-resolved') return page(200, language, w.done['case-resolved'][0], `<p>${escapeHtml(w.done['case-resolved'][1])}</p>`);
  if (notice === 'again') return page(409, language, w.again[0], `<p>${escapeHtml(w.again[1])}</p>`);
  return page(404, language, w.missing[0], `<p>${escapeHtml(w.missing[1])}</p>`);
}
