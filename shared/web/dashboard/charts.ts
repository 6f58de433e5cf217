/**
 * Vega-Lite specifications of the dashboard's charts. Data and words come in as parameters; the
 * specs are plain JSON, so the browser test can read back what a chart was told to draw.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface IntervalPoint {
  readonly x: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  /** Greyed out: a small sample. */
  readonly small?: boolean;
}

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  background: 'transparent',
  config: { view: { stroke: null }, axis: { labelFontSize: 12, titleFontSize: 12 }, font: 'system-ui, sans-serif' },
} as const;

/** One measure by quarter (or by segment): the value as a point, its 95 % interval as a bar, the target as a dashed line. */
export function intervalChart(options: {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly points: readonly IntervalPoint[];
  readonly target?: number;
  readonly targetLabel: string;
  readonly domain: readonly [number, number];
  readonly format?: string;
}): TopLevelSpec {
  const format = options.format ?? ',.1~f';
  const x = { field: 'x', type: 'ordinal', title: options.xTitle, sort: null, axis: { labelAngle: 0 } } as const;
  const y = { type: 'quantitative', title: options.yTitle, scale: { domain: [...options.domain], nice: false } } as const;
  return {
    ...base,
    title: { text: options.title, anchor: 'start', fontSize: 14 },
    height: 220,
    data: { values: options.points.map((p) => ({ ...p, low: p.low ?? p.value, high: p.high ?? p.value, small: p.small === true })) },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3 },
        encoding: {
          x,
          y: { ...y, field: 'low' },
          y2: { field: 'high' },
          color: { condition: { test: 'datum.small', value: '#b8b8b8' }, value: '#7aa6d6' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x,
          y: { ...y, field: 'value' },
          color: { condition: { test: 'datum.small', value: '#999999' }, value: '#1f5fa8' },
          tooltip: [
            { field: 'x', type: 'ordinal', title: options.xTitle },
            { field: 'value', type: 'quantitative', title: options.yTitle, format },
            { field: 'low', type: 'quantitative', title: '95 % −', format },
            { field: 'high', type: 'quantitative', title: '95 % +', format },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 9, fontSize: 11 },
        encoding: { x, y: { ...y, field: 'value' }, text: { field: 'value', type: 'quantitative', format } },
      },
      ...(options.target === undefined
        ? []
        : [
            {
              data: { values: [{ target: options.target, label: options.targetLabel }] },
              layer: [
                { mark: { type: 'rule', strokeDash: [6, 4], color: '#c0392b' }, encoding: { y: { ...y, field: 'target' } } },
                {
                  mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, color: '#c0392b', fontSize: 11 },
                  encoding: { y: { ...y, field: 'target' }, x: { value: { expr: 'width' } }, text: { field: 'label' } },
                },
              ],
            },
          ]),
    ],
  } as unknown as TopLevelSpec;
}

/** Plain bars, e.g. VIP accounts by tier or closed-loop counts. */
export function barChart(options: { readonly title?: string; readonly xTitle: string; readonly yTitle: string; readonly bars: readonly { readonly x: string; readonly value: number }[] }): TopLevelSpec {
  return {
    ...base,
    ...(options.title && { title: { text: options.title, anchor: 'start', fontSize: 14 } }),
    height: 200,
    data: { values: options.bars.map((b) => ({ ...b })) },
    layer: [
      { mark: { type: 'bar', color: '#1f5fa8', cornerRadiusEnd: 2 }, encoding: { x: { field: 'x', type: 'ordinal', title: options.xTitle, sort: null, axis: { labelAngle: 0 } }, y: { field: 'value', type: 'quantitative', title: options.yTitle } } },
      { mark: { type: 'text', dy: -6 }, encoding: { x: { field: 'x', type: 'ordinal', sort: null }, y: { field: 'value', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: ',d' } } },
    ],
  } as unknown as TopLevelSpec;
}

/** Gift spending against the budget: the budget as a grey bar, spent and reserved stacked inside it. */
export function budgetChart(options: {
  readonly title?: string;
  readonly yTitle: string;
  readonly labels: { readonly allocated: string; readonly spent: string; readonly reserved: string };
  readonly months: readonly { readonly month: string; readonly allocated: number; readonly spent: number; readonly reserved: number }[];
}): TopLevelSpec {
  const { labels } = options;
  const rows = options.months.flatMap((m) => [
    { month: m.month, kind: labels.spent, amount: m.spent, order: 1 },
    { month: m.month, kind: labels.reserved, amount: m.reserved, order: 2 },
  ]);
  const x = { field: 'month', type: 'ordinal', title: null, sort: null, axis: { labelAngle: -40 } } as const;
  return {
    ...base,
    ...(options.title && { title: { text: options.title, anchor: 'start', fontSize: 14 } }),
    height: 220,
    layer: [
      {
        data: { values: options.months.map((m) => ({ month: m.month, amount: m.allocated, kind: labels.allocated })) },
        mark: { type: 'bar', color: '#dde3ea', width: { band: 0.85 } },
        encoding: { x, y: { field: 'amount', type: 'quantitative', title: options.yTitle, axis: { format: ',d' } }, tooltip: [{ field: 'kind' }, { field: 'amount', type: 'quantitative', format: ',.0f' }] },
      },
      {
        data: { values: rows },
        mark: { type: 'bar', width: { band: 0.5 } },
        encoding: {
          x,
          y: { field: 'amount', type: 'quantitative', stack: 'zero' },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: [labels.spent, labels.reserved, labels.allocated], range: ['#1f5fa8', '#7aa6d6', '#dde3ea'] }, legend: { orient: 'top' } },
          order: { field: 'order' },
          tooltip: [{ field: 'kind' }, { field: 'amount', type: 'quantitative', format: ',.0f' }],
        },
      },
    ],
  } as unknown as TopLevelSpec;
}
