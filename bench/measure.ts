/**
 * Runs one build or revise in its own process and prints, as one JSON line, the stage timings and the
 * peak resident memory of the whole process (what the office's machine would see).
 */
import { buildBundle } from '../src/bundle/build.ts';
import { reviseBundle } from '../src/revise/revise.ts';

const [command, projectDir, outDir, from] = process.argv.slice(2);
const began = performance.now();
const result =
  command === 'revise'
    ? await reviseBundle(projectDir!, { from: from!, outDir: outDir! })
    : await buildBundle(projectDir!, { outDir: outDir! });
const seconds = (performance.now() - began) / 1000;
const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}: ${i.message}`);
process.stdout.write(
  `${JSON.stringify({
    ok: result.ok, seconds, peakMB: process.resourceUsage().maxRSS / 1024, timings: result.timings,
    zip: result.zip ?? null, bundleDir: result.bundleDir ?? null, reused: result.reused.length, errors,
  })}\n`,
);
