/**
 * Vega-Lite specifications of the score charts, shared by the leadership dashboard (rendered in
 * the browser by vega-embed) and the review mail (rendered on the server to PNG,
 * shared/adapters/charts/png-renderer.ts). Pure data in, a JSON spec out: the same picture in both.
 */
import type { TopLevelSpec } from 'vega-lite';

export type ChartLanguage = 'ru' | 'en';

/** One estimate with its 95 % interval and, if there is one, its target. */
export interface ScorePoint {
  /** Row label, e.g. "All clients" or a tier's name. */
  readonly segment: string;
  /** Panel label, e.g. "NPS". */
  readonly measure: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly target?: number;
  /** Drawn lighter: a segment under 30 answers. */
  readonly smallSample?: boolean;
}

const words = {
  ru: { value: 'Значение', interval: '95 % интервал', target: 'Цель', segment: 'Сегмент', quarter: 'Квартал', small: 'малая выборка' },
  en: { value: 'Value', interval: '95 % interval', target: 'Target', segment: 'Segment', quarter: 'Quarter', small: 'small sample' },
} as const;

const font = 'DejaVu Sans';

/**
 * Each measure in its own panel (its own scale), a row per segment: the estimate as a dot, its
 * interval as a bar, the target as a red tick. The review mail's main chart.
 */
export function segmentScoresChartSpec(points: readonly ScorePoint[], options: { readonly title: string; readonly language: ChartLanguage }): TopLevelSpec {
  const w = words[options.language];
  const segments = [...new Set(points.map((p) => p.segment))];
  const measures = [...new Set(points.map((p) => p.measure))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, font, fontSize: 15 },
    config: { font, view: { stroke: 'transparent' }, axis: { labelFont: font, titleFont: font, labelLimit: 280 }, header: { labelFont: font, labelFontSize: 13 } },
    background: 'white',
    padding: 12,
    data: { values: points.map((p) => ({ ...p, sample: p.smallSample ? w.small : '' })) },
    facet: { column: { field: 'measure', type: 'nominal', title: null, sort: measures } },
    spec: {
      width: 200,
      height: { step: 26 },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 3, opacity: 0.45 },
          encoding: {
            y: { field: 'segment', type: 'nominal', sort: segments, title: null },
            x: { field: 'low', type: 'quantitative', title: null, scale: { zero: false } },
            x2: { field: 'high' },
            color: { value: '#4c78a8' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y: { field: 'segment', type: 'nominal', sort: segments },
            x: { field: 'value', type: 'quantitative' },
            color: { value: '#1f4e79' },
            opacity: { condition: { test: 'datum.smallSample', value: 0.45 }, value: 1 },
            tooltip: [
              { field: 'segment', title: w.segment },
              { field: 'value', title: w.value },
              { field: 'low', title: `${w.interval} -` },
              { field: 'high', title: `${w.interval} +` },
              { field: 'target', title: w.target },
              { field: 'sample', title: ' ' },
            ],
          },
        },
        {
          mark: { type: 'tick', color: '#d62728', thickness: 2, size: 18 },
          transform: [{ filter: 'isValid(datum.target)' }],
          encoding: { y: { field: 'segment', type: 'nominal', sort: segments }, x: { field: 'target', type: 'quantitative' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}

/** One point per quarter and measure: a measure's course over quarters, for the dashboard's overview. */
export interface TrendPoint {
  readonly quarter: string;
  readonly measure: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly target?: number;
}

/** A panel per measure: the value by quarter as a line, its interval as a band, the target as a dashed line. */
export function quarterTrendChartSpec(points: readonly TrendPoint[], options: { readonly title: string; readonly language: ChartLanguage }): TopLevelSpec {
  const w = words[options.language];
  const measures = [...new Set(points.map((p) => p.measure))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, font, fontSize: 15 },
    config: { font, view: { stroke: 'transparent' } },
    background: 'white',
    data: { values: [...points] },
    facet: { column: { field: 'measure', type: 'nominal', title: null, sort: measures } },
    spec: {
      width: 220,
      height: 160,
      encoding: { x: { field: 'quarter', type: 'ordinal', title: w.quarter } },
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { y: { field: 'low', type: 'quantitative', title: null, scale: { zero: false } }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: true }, encoding: { y: { field: 'value', type: 'quantitative' } } },
        { mark: { type: 'line', strokeDash: [4, 3], color: '#d62728' }, transform: [{ filter: 'isValid(datum.target)' }], encoding: { y: { field: 'target', type: 'quantitative' } } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
