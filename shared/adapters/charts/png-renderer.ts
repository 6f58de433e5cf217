import type { TopLevelSpec } from 'vega-lite';
import type { ChartRenderer } from '../../ports/chart-renderer.ts';

/**
 * Loaded on the first chart, not with the module: vega, vega-lite and resvg are most of what
 * the `vip` command would otherwise load for every command (and every cold start of a function
 * that only might draw).
 */
const libraries = () => Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-wasm')]);

let ready: Promise<void> | undefined;

/**
 * Vega-Lite -> Vega -> SVG (vega's headless renderer) -> PNG (resvg, as WebAssembly so the same
 * bundle runs on Lambda's ARM and on any laptop). Text is drawn with the font given, never with
 * whatever fonts a machine happens to have: the picture is the same everywhere.
 */
export class VegaPngRenderer implements ChartRenderer {
  constructor(
    private readonly files: { readonly wasm: () => Uint8Array; readonly font: () => Uint8Array },
    private readonly scale = 2,
  ) {}

  async png(spec: TopLevelSpec): Promise<Uint8Array> {
    const [vega, { compile }, { initWasm, Resvg }] = await libraries();
    ready ??= initWasm(this.files.wasm()).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
    try {
      const svg = await view.toSVG();
      const font = this.files.font();
      const rendered = new Resvg(svg, {
        font: { fontBuffers: [font], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
        fitTo: { mode: 'zoom', value: this.scale },
      }).render();
      return rendered.asPng();
    } finally {
      view.finalize();
    }
  }
}
