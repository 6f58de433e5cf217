/** What the server-side chart renderer reads at run time: resvg's WebAssembly module and the font it draws text with. */
export const chartFiles = ['node_modules/@resvg/resvg-wasm/index_bg.wasm', 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'] as const;
