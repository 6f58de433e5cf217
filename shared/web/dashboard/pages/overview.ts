import { overviewResponseSchema, type Measure, type QuarterSummary } from '../../../schemas/dashboard-api.ts';
import { intervalChart } from '../charts.ts';
import { h } from '../dom.ts';
import { formatEstimate, formatInterval, table, type PageContext } from '../page-context.ts';

const scales = {
  nps: { domain: [-100, 100] as const, digits: 1 },
  csi: { domain: [0, 100] as const, digits: 1 },
  ces: { domain: [1, 7] as const, digits: 2 },
};

/** NPS, CSI and CES by quarter with their intervals, the response rate, all against the targets. */
export async function overviewPage(ctx: PageContext): Promise<HTMLElement> {
  const { l } = ctx;
  const { quarters } = await ctx.api.get('/overview', overviewResponseSchema);
  if (quarters.length === 0) return h('p', {}, l.t('noScores'));
  const latest = quarters.at(-1)!;
  const targetOf = (q: QuarterSummary, m: Measure) => q.targets.find((t) => t.measure === m && t.tier === undefined)?.target;

  const card = (measure: 'nps' | 'csi' | 'ces') => {
    const e = latest[measure];
    const target = targetOf(latest, measure);
    const change = latest.changes?.[measure];
    return h(
      'div',
      { class: 'card', 'data-card': measure },
      h('div', { class: 'label' }, `${l.t(`measure.${measure}`)} · ${l.t(`measure.${measure}.hint`)}`),
      h('div', { class: 'value' }, formatEstimate(l, e, scales[measure].digits)),
      h('div', { class: 'ci' }, `${l.t('interval')}: ${formatInterval(l, e, scales[measure].digits)}`),
      target !== undefined && e !== undefined && h('div', { class: `vs ${e.value >= target ? 'met' : 'not-met'}` }, `${l.t('target')} ${l.number(target, 2)} · ${l.t(e.value >= target ? 'met' : 'notMet')}`),
      change && h('div', { class: 'vs' }, `${l.t('change')}: ${l.signed(change.difference, 1)} (${l.t(change.significant ? 'significant' : 'notSignificant')})`),
    );
  };
  const rateTarget = targetOf(latest, 'response-rate');
  const rateCard = h(
    'div',
    { class: 'card', 'data-card': 'response-rate' },
    h('div', { class: 'label' }, l.t('responseRate')),
    h('div', { class: 'value' }, latest.responseRate === undefined ? '—' : l.percent(latest.responseRate)),
    h('div', { class: 'ci' }, `${l.t('answers')}: ${l.number(latest.answered, 0)}${latest.invited !== undefined ? ` / ${l.number(latest.invited, 0)}` : ''}`),
    rateTarget !== undefined && latest.responseRate !== undefined && h('div', { class: `vs ${latest.responseRate >= rateTarget ? 'met' : 'not-met'}` }, `${l.t('target')} ${l.percent(rateTarget, 0)}`),
  );

  const chartOf = (measure: 'nps' | 'csi' | 'ces') =>
    ctx.chart(
      intervalChart({
        title: `${l.t(`measure.${measure}`)} (${l.t('interval')})`,
        xTitle: l.t('quarter'),
        yTitle: l.t(`measure.${measure}`),
        domain: scales[measure].domain,
        points: quarters.flatMap((q) => {
          const e = q[measure];
          return e ? [{ x: l.quarter(q.quarter), value: e.value, low: e.interval?.low, high: e.interval?.high }] : [];
        }),
        target: targetOf(latest, measure),
        targetLabel: l.t('target'),
        format: measure === 'ces' ? ',.2~f' : ',.1~f',
      }),
      `overview-${measure}`,
    );

  const rows = quarters.map((q) =>
    h(
      'tr',
      { 'data-quarter': q.quarter },
      h('td', {}, l.quarter(q.quarter)),
      h('td', { class: 'num' }, l.number(q.answered, 0)),
      h('td', { class: 'num' }, q.responseRate === undefined ? '—' : l.percent(q.responseRate)),
      ...(['nps', 'csi', 'ces'] as const).flatMap((m) => [h('td', { class: 'num', 'data-measure': m }, formatEstimate(l, q[m], scales[m].digits)), h('td', { class: 'num note' }, formatInterval(l, q[m], scales[m].digits))]),
      h('td', { class: 'num' }, q.cesEasy ? l.percent(q.cesEasy.value) : '—'),
    ),
  );
  return h(
    'section',
    { 'data-page': 'overview' },
    h('h2', {}, `${l.t('overview.latest')}: ${l.quarter(latest.quarter)}`),
    h('div', { class: 'cards' }, card('nps'), card('csi'), card('ces'), rateCard),
    h('h3', {}, l.t('overview.heading')),
    h('div', { class: 'charts' }, chartOf('nps'), chartOf('csi'), chartOf('ces')),
    h('h3', {}, l.t('overview.table')),
    table(
      [
        l.t('quarter'),
        { text: l.t('answers'), num: true },
        { text: l.t('responseRate'), num: true },
        ...(['nps', 'csi', 'ces'] as const).flatMap((m) => [{ text: l.t(`measure.${m}`), num: true }, { text: l.t('interval'), num: true }]),
        { text: l.t('measure.cesEasy'), num: true },
      ],
      rows,
      'quarters',
    ),
  );
}
