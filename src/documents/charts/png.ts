import { createRequire } from 'node:module';
import type * as ResvgJs from '@resvg/resvg-js';
import { outlineText } from './outline.ts';
import { chartSvg, type ChartDrawing, type ChartSize } from './svg.ts';
import type { ChartSpec } from './spec.ts';

// resvg's native module, loaded when the first chart is rasterised
let resvgJs: typeof ResvgJs | undefined;

/**
 * A chart rasterised by resvg (a prebuilt native SVG renderer shipped inside its npm package) for the Word
 * report. Its text is first turned into glyph outlines from the Noto Sans SC files in node_modules (outline.ts),
 * so resvg loads no font, never the machine's: the pixels are the same on every machine. resvg writes no time
 * or metadata into the PNG: the same chart gives the same bytes. `scale` multiplies the pixels (2: sharp when
 * printed at the size the report gives it).
 */
export function chartPng(spec: ChartSpec, size: ChartSize, scale = 2, drawing: ChartDrawing = {}): Buffer {
  const svg = outlineText(chartSvg(spec, size, drawing));
  resvgJs ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof ResvgJs;
  const resvg = new resvgJs.Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', font: { loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}
