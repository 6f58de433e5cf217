import type { TopLevelSpec } from 'vega-lite';

/** Turns a Vega-Lite spec into a picture a mail can carry. */
export interface ChartRenderer {
  png(spec: TopLevelSpec): Promise<Uint8Array>;
}
