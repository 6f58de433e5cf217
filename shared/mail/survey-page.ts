import { escapeHtml } from './html.ts';
import type { AnswerFormErrors, SurveyLanguage } from '../schemas/survey-answer-form.ts';
import { csiFieldOf, scales } from '../schemas/survey-answer-form.ts';
import type { SurveyConfig } from '../schemas/survey-config.ts';

export interface SurveyPage {
  readonly status: number;
  readonly html: string;
}

/** The form's questions in the contact's language, from the survey config. */
export function formQuestionsOf(survey: SurveyConfig, language: SurveyLanguage): FormQuestions {
  const q = survey.questions;
  return {
    title: language === 'ru' ? 'Опрос VIP-клиентов' : 'VIP client survey',
    nps: q.nps.text[language],
    csiIntro: q.csi.text[language],
    csi: q.csi.attributes.map((a) => ({ id: a.id, label: a.label[language] })),
    ces: q.ces.text[language],
    comment: q.comment.text[language],
    commentMaxLength: q.comment.maxLength,
    mayContact: q.mayContact.text[language],
  };
}

/** The questions of the form in one language (from the survey config). */
export interface FormQuestions {
  readonly title: string;
  readonly nps: string;
  readonly csiIntro: string;
  readonly csi: readonly { readonly id: string; readonly label: string }[];
  readonly ces: string;
  readonly comment: string;
  readonly commentMaxLength: number;
  readonly mayContact: string;
}

const words = {
  en: {
    npsEnds: ['0 = not at all likely', '10 = extremely likely'],
    csiEnds: ['1 = very dissatisfied', '10 = very satisfied'],
    cesEnds: ['1 = very difficult', '7 = very easy'],
    yes: 'Yes',
    no: 'No',
    submit: 'Send my answers',
    fix: 'Some answers need another look; nothing has been saved yet:',
    confidential: 'Your answers are confidential. Your manager sees who answered only if you allow it below.',
  },
  ru: {
    npsEnds: ['0 — точно не порекомендую', '10 — обязательно порекомендую'],
    csiEnds: ['1 — совсем не удовлетворён', '10 — полностью удовлетворён'],
    cesEnds: ['1 — очень сложно', '7 — очень легко'],
    yes: 'Да',
    no: 'Нет',
    submit: 'Отправить ответы',
    fix: 'Некоторые ответы нужно поправить; пока ничего не сохранено:',
    confidential: 'Ваши ответы конфиденциальны. Менеджер узнает, кто ответил, только если вы разрешите это ниже.',
  },
} as const;

/** Plain, readable on a phone, no script and nothing loaded from elsewhere. */
const style = `body{font-family:system-ui,sans-serif;line-height:1.4;margin:0 auto;max-width:40em;padding:1em;color:#222}
fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 1em;padding:.6em .8em}legend{font-weight:600;padding:0 .3em}
.scale{display:flex;flex-wrap:wrap;gap:.3em}.scale label{display:inline-flex;flex-direction:column;align-items:center;min-width:2.4em;padding:.3em;border:1px solid #ddd;border-radius:4px}
.ends{display:flex;justify-content:space-between;font-size:.85em;color:#555;gap:1em}.error{color:#a00;font-weight:600}
textarea{width:100%;box-sizing:border-box;font:inherit}button{font-size:1.1em;padding:.6em 1.2em}.summary{border:2px solid #a00;padding:.5em .8em}`;

function document(language: SurveyLanguage | 'ru en', title: string, body: string): string {
  return `<!doctype html><html lang="${language === 'ru en' ? 'ru' : language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

function scale(name: string, min: number, max: number, ends: readonly [string, string], value: string | undefined): string {
  const options = Array.from({ length: max - min + 1 }, (_, i) => String(min + i))
    .map((v) => `<label><input type="radio" name="${escapeHtml(name)}" value="${v}" required${value === v ? ' checked' : ''}>${v}</label>`)
    .join('');
  return `<div class="scale">${options}</div><div class="ends"><span>${escapeHtml(ends[0])}</span><span>${escapeHtml(ends[1])}</span></div>`;
}

function question(name: string, legend: string, errors: AnswerFormErrors, inner: string): string {
  const error = errors[name] ? `<p class="error" id="${escapeHtml(name)}-error">${escapeHtml(errors[name])}</p>` : '';
  return `<fieldset><legend>${escapeHtml(legend)}</legend>${error}${inner}</fieldset>`;
}

/**
 * The survey form, posting back to its own signed URL. After a refused post it shows every
 * problem and keeps what was entered (all of it escaped: a comment is only ever text).
 */
export function answerFormPage(input: {
  readonly status: number;
  readonly language: SurveyLanguage;
  readonly questions: FormQuestions;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: AnswerFormErrors;
}): SurveyPage {
  const w = words[input.language];
  const q = input.questions;
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const problems = Object.values(errors);
  const summary = problems.length ? `<div class="summary" role="alert"><p class="error">${escapeHtml(w.fix)}</p><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>` : '';
  const csi = q.csi
    .map((a) => question(csiFieldOf(a.id), a.label, errors, scale(csiFieldOf(a.id), scales.csi.min, scales.csi.max, w.csiEnds, values[csiFieldOf(a.id)])))
    .join('');
  const mayContact = values.may_contact === 'yes' ? 'yes' : 'no';
  const body = `<h1>${escapeHtml(q.title)}</h1><p>${escapeHtml(w.confidential)}</p>${summary}<form method="post">
${question('nps', q.nps, errors, scale('nps', scales.nps.min, scales.nps.max, w.npsEnds, values.nps))}
<h2>${escapeHtml(q.csiIntro)}</h2>${csi}
${question('ces', q.ces, errors, scale('ces', scales.ces.min, scales.ces.max, w.cesEnds, values.ces))}
${question('comment', q.comment, errors, `<textarea name="comment" rows="5" maxlength="${q.commentMaxLength}">${escapeHtml(values.comment ?? '')}</textarea>`)}
${question('may_contact', q.mayContact, errors, `<label><input type="radio" name="may_contact" value="yes"${mayContact === 'yes' ? ' checked' : ''}> ${escapeHtml(w.yes)}</label> <label><input type="radio" name="may_contact" value="no"${mayContact === 'no' ? ' checked' : ''}> ${escapeHtml(w.no)}</label>`)}
<button type="submit">${escapeHtml(w.submit)}</button></form>`;
  return { status: input.status, html: document(input.language, q.title, body) };
}

/** Why a link shows no form. */
export type SurveyNotice =
  | 'thanks'
  | 'invalid-link'
  | 'expired'
  | 'closed'
  | 'already-answered'
  | 'not-open'
  | 'method';

const notices: Record<SurveyNotice, { readonly status: number; readonly en: readonly [string, string]; readonly ru: readonly [string, string] }> = {
  thanks: { status: 200, en: ['Thank you', 'Your answers have been saved. Thank you for your time.'], ru: ['Спасибо', 'Ваши ответы сохранены. Спасибо, что уделили нам время.'] },
  'invalid-link': {
    status: 403,
    en: ['This link is not valid', 'It may have been altered or cut short. Please open the link exactly as it came in the e-mail. Nothing was saved.'],
    ru: ['Ссылка недействительна', 'Возможно, она была изменена или обрезана. Откройте ссылку точно так, как она пришла в письме. Ничего не сохранено.'],
  },
  expired: {
    status: 410,
    en: ['This link has expired', 'The survey this link belongs to is closed. Nothing was saved. Thank you all the same.'],
    ru: ['Срок действия ссылки истёк', 'Опрос, к которому относится ссылка, завершён. Ничего не сохранено. Всё равно спасибо!'],
  },
  closed: {
    status: 410,
    en: ['This survey is closed', 'Answers to this survey are no longer accepted. Nothing was saved. Thank you all the same.'],
    ru: ['Опрос завершён', 'Ответы на этот опрос больше не принимаются. Ничего не сохранено. Всё равно спасибо!'],
  },
  'already-answered': {
    status: 409,
    en: ['You have already answered', 'This survey takes one answer per invitation, and yours is saved. Nothing was changed.'],
    ru: ['Вы уже ответили', 'На одно приглашение принимается один ответ, и ваш ответ уже сохранён. Ничего не изменено.'],
  },
  'not-open': {
    status: 409,
    en: ['This invitation is no longer open', 'Nothing was saved.'],
    ru: ['Это приглашение больше не действует', 'Ничего не сохранено.'],
  },
  method: { status: 405, en: ['Not allowed', 'Please use the form on the page.'], ru: ['Действие недоступно', 'Пожалуйста, воспользуйтесь формой на странице.'] },
};

/**
 * A page without the survey form. With the contact's language known it speaks that language;
 * for a link that could not be read (forged, cut short) it speaks both.
 */
export function surveyNoticePage(notice: SurveyNotice, language: SurveyLanguage | undefined, status = notices[notice].status): SurveyPage {
  const n = notices[notice];
  const section = (l: SurveyLanguage) => `<section lang="${l}"><h1>${escapeHtml(n[l][0])}</h1><p>${escapeHtml(n[l][1])}</p></section>`;
  if (language) return { status, html: document(language, n[language][0], section(language)) };
  return { status, html: document('ru en', `${n.ru[0]} / ${n.en[0]}`, `${section('ru')}<hr>${section('en')}`) };
}
