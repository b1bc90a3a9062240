import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { chartSvg, type ChartSize } from './svg.ts';
import type { ChartSpec } from './options.ts';

const FONTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules/@expo-google-fonts/noto-sans-sc');

/**
 * A chart rasterised by resvg (a prebuilt native SVG renderer shipped inside its npm package) for the Word
 * report: only the Noto Sans SC files from node_modules, never the machine's fonts, so the pixels are the same
 * on every machine. resvg writes no time or metadata into the PNG: the same chart gives the same bytes.
 */
export function chartPng(spec: ChartSpec, size: ChartSize, scale = 2): Buffer {
  const svg = chartSvg(spec, size);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [path.join(FONTS, '400Regular/NotoSansSC_400Regular.ttf'), path.join(FONTS, '700Bold/NotoSansSC_700Bold.ttf')],
      defaultFontFamily: 'Noto Sans SC',
      sansSerifFamily: 'Noto Sans SC',
    },
  });
  return Buffer.from(resvg.render().asPng());
}
