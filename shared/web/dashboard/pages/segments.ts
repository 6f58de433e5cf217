import { segmentsResponseSchema, type SegmentView } from '../../../schemas/dashboard-api.ts';
import { segmentScoresChartSpec, type ScorePoint } from '../../../charts/scores-charts.ts';
import { h } from '../dom.ts';
import { formatEstimate, formatInterval, table, type PageContext } from '../page-context.ts';
import { quarterPicker } from './quarter-picker.ts';

/** The segment table: shown, small samples greyed out, hidden ones named with the reason and no values. */
export async function segmentsPage(ctx: PageContext, quarter: string | undefined, choose: (quarter: string) => void): Promise<HTMLElement> {
  const { l } = ctx;
  const data = await ctx.api.get(`/segments${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`, segmentsResponseSchema);
  const { floors } = data;
  const rows: HTMLTableRowElement[] = [];
  let dimension: string | undefined;
  for (const s of data.segments) {
    if (s.dimension !== dimension) {
      dimension = s.dimension;
      rows.push(h('tr', { class: 'dimension' }, h('th', { colspan: '8' }, l.t(`dimension.${s.dimension}`))));
    }
    rows.push(segmentRow(ctx, s, floors.hideBelow));
  }
  // The review mail's main chart (shared/charts/scores-charts.ts): all clients and the tiers shown, one panel per measure.
  const charted: ScorePoint[] = data.segments
    .filter((s) => (s.dimension === 'all' || s.dimension === 'tier') && s.visibility !== 'hidden')
    .flatMap((s) =>
      (['nps', 'csi', 'ces'] as const).flatMap((m) => {
        const e = s[m];
        return e ? [{ segment: l.segmentValue(s.dimension, s.value, s.label), measure: l.t(`measure.${m}`), value: e.value, low: e.interval?.low, high: e.interval?.high, smallSample: s.visibility === 'small-sample' }] : [];
      }),
    );
  return h(
    'section',
    { 'data-page': 'segments' },
    h('h2', {}, l.t('segments.heading'), quarterPicker(l, data.quarters, data.quarter, choose)),
    h('p', { class: 'note' }, l.t('segments.legend.small', { n: floors.smallSampleBelow }), ' ', l.t('segments.legend.hidden', { n: floors.hideBelow })),
    table(
      [
        l.t('segments.segment'),
        { text: l.t('answers'), num: true },
        { text: l.t('measure.nps'), num: true },
        { text: l.t('interval'), num: true },
        { text: l.t('measure.csi'), num: true },
        { text: l.t('interval'), num: true },
        { text: l.t('measure.ces'), num: true },
        { text: l.t('interval'), num: true },
      ],
      rows,
      'segments',
    ),
    charted.length > 0 &&
      ctx.chart(
        segmentScoresChartSpec(charted, { title: `${l.t('segments.chart')} · ${l.quarter(data.quarter)}`, language: l.language }),
        'segments-by-tier',
        'wide',
      ),
  );
}

function segmentRow(ctx: PageContext, s: SegmentView, hideBelow: number): HTMLTableRowElement {
  const { l } = ctx;
  const name = l.segmentValue(s.dimension, s.value, s.label);
  if (s.visibility === 'hidden')
    return h(
      'tr',
      { class: 'hidden-segment', 'data-segment': s.id, 'data-visibility': 'hidden' },
      h('td', {}, name),
      h('td', { colspan: '7' }, l.t(s.hiddenBecause === 'complement' ? 'segments.hidden.complement' : 'segments.hidden.floor', { n: hideBelow })),
    );
  const small = s.visibility === 'small-sample';
  return h(
    'tr',
    { class: small ? 'small-sample' : undefined, 'data-segment': s.id, 'data-visibility': s.visibility },
    h('td', {}, name, small && h('span', { class: 'tag' }, l.t('segments.small'))),
    h('td', { class: 'num' }, l.number(s.n ?? 0, 0)),
    h('td', { class: 'num', 'data-measure': 'nps' }, formatEstimate(l, s.nps)),
    h('td', { class: 'num', 'data-interval': 'nps' }, formatInterval(l, s.nps)),
    h('td', { class: 'num', 'data-measure': 'csi' }, formatEstimate(l, s.csi)),
    h('td', { class: 'num', 'data-interval': 'csi' }, formatInterval(l, s.csi)),
    h('td', { class: 'num', 'data-measure': 'ces' }, formatEstimate(l, s.ces, 2)),
    h('td', { class: 'num', 'data-interval': 'ces' }, formatInterval(l, s.ces, 2)),
  );
}
