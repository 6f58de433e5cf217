import { measureSchema, standardsResponseSchema, type Measure } from '../../../schemas/dashboard-api.ts';
import { h } from '../dom.ts';
import type { Localiser } from '../i18n.ts';
import { formatInterval, table, type PageContext } from '../page-context.ts';

const digitsOf = (m: Measure) => (m === 'ces' ? 2 : 1);
const isShare = (m: Measure) => m === 'response-rate' || m === 'closed-loop-sla';
const show = (l: Localiser, m: Measure, value: number) => (isShare(m) ? l.percent(value, digitsOf(m)) : l.number(value, digitsOf(m)));

/** Targets against actuals, the adjustment history, and the form that records an adjustment (checked on the server). */
export async function standardsPage(ctx: PageContext): Promise<HTMLElement> {
  const { l } = ctx;
  const data = await ctx.api.get('/standards', standardsResponseSchema);
  const tierName = (id?: string) => (id === undefined ? l.t('standards.allTiers') : l.tier(id, data.tiers.find((t) => t.id === id)?.label));

  const rows = data.rows.map((r) =>
    h(
      'tr',
      { 'data-standard': `${r.measure}#${r.tier ?? 'all'}` },
      h('td', {}, l.t(`measure.${r.measure}`)),
      h('td', {}, tierName(r.tier)),
      h('td', { class: 'num', 'data-target': '' }, r.target === undefined ? '—' : show(l, r.measure, r.target)),
      h('td', { class: 'num' }, r.actual ? show(l, r.measure, r.actual.value) : '—'),
      h('td', { class: 'num note' }, formatInterval(l, r.actual, digitsOf(r.measure))),
      h('td', { class: r.met === undefined ? '' : r.met ? 'met' : 'not-met' }, r.met === undefined ? '—' : l.t(r.met ? 'met' : 'notMet')),
    ),
  );
  const history = data.history.map((r) =>
    h(
      'tr',
      { 'data-history': `${r.measure}#${r.tier ?? 'all'}#${r.fromQuarter ?? 'start'}` },
      h('td', {}, r.setAt ? l.dateTime(r.setAt) : l.t('standards.config')),
      h('td', {}, l.t(`measure.${r.measure}`)),
      h('td', {}, tierName(r.tier)),
      h('td', { class: 'num' }, show(l, r.measure, r.target)),
      h('td', {}, r.fromQuarter ? l.quarter(r.fromQuarter) : l.t('standards.fromStart')),
      h('td', {}, r.setAt ? r.setBy : l.t('standards.config')),
      h('td', {}, r.setAt ? r.reason : l.t('standards.configReason')),
    ),
  );
  return h(
    'section',
    { 'data-page': 'standards' },
    h('h2', {}, l.t('standards.heading'), data.quarter ? ` · ${l.quarter(data.quarter)}` : ''),
    table(
      [l.t('standards.measure'), l.t('standards.tier'), { text: l.t('target'), num: true }, { text: l.t('actual'), num: true }, { text: l.t('interval'), num: true }, ''],
      rows,
      'standards',
    ),
    h('h3', {}, l.t('standards.form')),
    adjustmentForm(ctx, data.tiers),
    h('h3', {}, l.t('standards.history')),
    table(
      [l.t('standards.setAt'), l.t('standards.measure'), l.t('standards.tier'), { text: l.t('target'), num: true }, l.t('standards.fromQuarter'), l.t('standards.by'), l.t('standards.reason')],
      history,
      'history',
    ),
  );
}

function adjustmentForm(ctx: PageContext, tiers: readonly { id: string; label: string }[]): HTMLElement {
  const { l } = ctx;
  const status = h('div', { class: 'wide', role: 'status', 'data-form-status': '' });
  const field = (name: string, label: string, control: HTMLElement, wide = false) =>
    h('label', { class: wide ? 'wide' : undefined }, label, control, h('span', { class: 'field-error', 'data-error-for': name }));
  const form = h(
    'form',
    { class: 'adjust', novalidate: true, 'data-form': 'adjustment' },
    field('measure', l.t('standards.measure'), h('select', { name: 'measure' }, ...measureSchema.options.map((m) => h('option', { value: m }, l.t(`measure.${m}`))))),
    field('tier', l.t('standards.tier'), h('select', { name: 'tier' }, h('option', { value: '' }, l.t('standards.allTiers')), ...tiers.map((t) => h('option', { value: t.id }, l.tier(t.id, t.label))))),
    field('target', l.t('target'), h('input', { name: 'target', inputmode: 'decimal', autocomplete: 'off' })),
    field('fromQuarter', l.t('standards.fromQuarter'), h('input', { name: 'fromQuarter', placeholder: '2027-Q3', autocomplete: 'off' })),
    field('by', l.t('standards.by'), h('input', { name: 'by', type: 'email', autocomplete: 'email' })),
    field('reason', l.t('standards.reason'), h('textarea', { name: 'reason', rows: '2' }), true),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, l.t('standards.submit'))),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  async function submit() {
    for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = '';
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const body = { ...values, ...(values.tier === '' ? { tier: undefined } : {}) };
    const result = await ctx.api.post('/standards', body);
    if (result.ok) {
      ctx.refresh();
      return;
    }
    status.className = 'wide errors';
    if (result.status !== 400) {
      status.textContent = l.t('standards.failed', { status: result.status });
      return;
    }
    // Worded from the problem's code in the page's language; the server's English only for a problem without one.
    status.textContent = l.t('standards.invalid');
    for (const f of result.error.fields ?? []) {
      const text = f.code ? l.problem(f.code, f.params) : f.message;
      const slot = form.querySelector(`[data-error-for="${CSS.escape(f.field)}"]`);
      if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
      else status.textContent += ` ${text}.`;
    }
  }
  return form;
}
