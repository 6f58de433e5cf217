import { closedLoopResponseSchema } from '../../../schemas/dashboard-api.ts';
import { barChart } from '../charts.ts';
import { h } from '../dom.ts';
import type { PageContext } from '../page-context.ts';
import { quarterPicker } from './quarter-picker.ts';

/** Cases counted, never named: opened, still open, overdue, and the share contacted within the SLA. */
export async function closedLoopPage(ctx: PageContext, quarter: string | undefined, choose: (quarter: string) => void): Promise<HTMLElement> {
  const { l } = ctx;
  const data = await ctx.api.get(`/closed-loop${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`, closedLoopResponseSchema);
  const count = (n: number | undefined) => (n === undefined ? '—' : l.number(n, 0));
  const card = (key: 'opened' | 'open' | 'overdue', label: Parameters<typeof l.t>[0]) =>
    h('div', { class: 'card', 'data-card': key }, h('div', { class: 'label' }, l.t(label)), h('div', { class: `value${key === 'overdue' && (data.overdue ?? 0) > 0 ? ' not-met' : ''}` }, count(data[key])));
  return h(
    'section',
    { 'data-page': 'closed-loop' },
    h('h2', {}, l.t('closedLoop.heading'), quarterPicker(l, data.quarters, data.quarter, choose)),
    h('p', { class: 'note' }, l.t('closedLoop.note')),
    h(
      'div',
      { class: 'cards' },
      card('opened', 'closedLoop.opened'),
      card('open', 'closedLoop.open'),
      card('overdue', 'closedLoop.overdue'),
      h('div', { class: 'card', 'data-card': 'within-sla' }, h('div', { class: 'label' }, l.t('closedLoop.withinSla')), h('div', { class: 'value' }, data.withinSlaShare === undefined ? '—' : l.percent(data.withinSlaShare))),
    ),
    h(
      'div',
      { class: 'charts' },
      ctx.chart(
        barChart({
          xTitle: '',
          yTitle: l.t('closedLoop.opened'),
          bars: [
            { x: l.t('closedLoop.opened'), value: data.opened },
            ...(data.open === undefined ? [] : [{ x: l.t('closedLoop.open'), value: data.open }]),
            ...(data.overdue === undefined ? [] : [{ x: l.t('closedLoop.overdue'), value: data.overdue }]),
          ],
        }),
        'closed-loop-counts',
      ),
    ),
  );
}
