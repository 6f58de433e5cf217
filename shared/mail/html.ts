/** Everything that came from data is escaped before it goes into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (tag: string, v: string) => `<${tag} style="border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top">${escapeHtml(v)}</${tag}>`;
  return `<table style="border-collapse:collapse">${`<tr>${headers.map((h) => cell('th', h)).join('')}</tr>`}${rows
    .map((r) => `<tr>${r.map((v) => cell('td', v)).join('')}</tr>`)
    .join('')}</table>`;
}
