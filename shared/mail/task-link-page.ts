import { escapeHtml } from './html.ts';

export interface TaskLinkPage {
  readonly status: number;
  readonly html: string;
}

/** The small HTML page a task link answers with; the form posts back to the same signed URL. */
export function taskLinkPage(status: number, title: string, text: string, form?: { submit: string; costField?: number }): TaskLinkPage {
  const formHtml = form
    ? `<form method="post">${
        form.costField !== undefined
          ? `<label>Actual cost, RUB: <input name="cost" inputmode="decimal" required value="${escapeHtml(form.costField.toFixed(2))}"></label> `
          : ''
      }<button type="submit">${escapeHtml(form.submit)}</button></form>`
    : '';
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${formHtml}</body></html>`,
  };
}
