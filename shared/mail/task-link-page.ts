import { escapeHtml } from './html.ts';

export type PageLanguage = 'ru' | 'en';

export interface TaskLinkPage {
  readonly status: number;
  readonly html: string;
}

/** A confirmation form that posts back to the same signed URL; `cost` adds the actual-cost field. */
export interface PageForm {
  readonly submit: string;
  readonly cost?: { readonly label: string; readonly value: string };
}

/**
 * The small HTML page every gift link (a manager's task link, a line owner's decision link)
 * answers with, in the reader's language. Everything from data is escaped.
 */
export function taskLinkPage(status: number, language: PageLanguage, title: string, lines: readonly string[], form?: PageForm): TaskLinkPage {
  const formHtml = form
    ? `<form method="post">${
        form.cost ? `<label>${escapeHtml(form.cost.label)}: <input name="cost" inputmode="decimal" required value="${escapeHtml(form.cost.value)}"></label> ` : ''
      }<button type="submit">${escapeHtml(form.submit)}</button></form>`
    : '';
  return {
    status,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${escapeHtml(title)}</h1>${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}${formHtml}</body></html>`,
  };
}
