/** Everything that came from data is escaped before it goes into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A cell is text (escaped) or markup this code built itself, such as a link around escaped text. */
export type HtmlCell = string | { readonly html: string };

export function link(url: string, label: string): HtmlCell {
  return { html: `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` };
}

export function htmlTable(headers: readonly string[], rows: readonly (readonly HtmlCell[])[]): string {
  const cell = (tag: string, v: HtmlCell) =>
    `<${tag} style="border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top">${typeof v === 'string' ? escapeHtml(v) : v.html}</${tag}>`;
  return `<table style="border-collapse:collapse">${`<tr>${headers.map((h) => cell('th', h)).join('')}</tr>`}${rows
    .map((r) => `<tr>${r.map((v) => cell('td', v)).join('')}</tr>`)
    .join('')}</table>`;
}
