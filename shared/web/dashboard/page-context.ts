import type { TopLevelSpec } from 'vega-lite';
import type { z } from 'zod';
import type { ApiError, EstimateView } from '../../schemas/dashboard-api.ts';
import { h } from './dom.ts';
import type { Localiser } from './i18n.ts';

export interface Api {
  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  /** Posts JSON; a 400 comes back as `{ ok: false, error }` for the form to show. */
  post(path: string, body: unknown): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: ApiError }>;
}

export interface PageContext {
  readonly l: Localiser;
  readonly api: Api;
  /** Draws a Vega-Lite chart into a new element and returns it (drawing finishes later). */
  chart(spec: TopLevelSpec, name: string, size?: 'wide'): HTMLElement;
  /** Re-renders the current page (after a form saved). */
  refresh(): void;
}

/** "41,2 (от 30,1 до 52,0)" / "41.2 (30.1 to 52.0)". */
export function formatEstimate(l: Localiser, e: EstimateView | undefined, digits = 1, unit = ''): string {
  if (e === undefined) return '—';
  return `${l.number(e.value, digits)}${unit}`;
}

export function formatInterval(l: Localiser, e: EstimateView | undefined, digits = 1): string {
  if (e?.interval === undefined) return '—';
  const { low, high } = e.interval;
  return l.language === 'ru' ? `от ${l.number(low, digits)} до ${l.number(high, digits)}` : `${l.number(low, digits)} to ${l.number(high, digits)}`;
}

/** A table inside a horizontally scrollable box, so a phone never cuts a column off. */
export function table(head: readonly (string | { text: string; num?: boolean })[], rows: readonly HTMLTableRowElement[], name: string): HTMLElement {
  const cells = head.map((c) => (typeof c === 'string' ? h('th', {}, c) : h('th', { class: c.num ? 'num' : undefined }, c.text)));
  return h('div', { class: 'table-wrap' }, h('table', { 'data-table': name }, h('thead', {}, h('tr', {}, ...cells)), h('tbody', {}, ...rows)));
}
