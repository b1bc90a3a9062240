/**
 * Runs one build or revise in its own process and prints, as one JSON line, the stage timings and the
 * peak resident memory of the whole process (what the office's machine would see). It runs the compiled
 * library in dist/ (what `eco-dossier build` runs; `npm run bench` compiles it first), not the TypeScript
 * through a loader, whose compiler would add its own time and memory.
 */
const { buildBundle } = await import('../dist/bundle/build.js');
const { reviseBundle } = await import('../dist/revise/revise.js');

const [command, projectDir, outDir, from] = process.argv.slice(2);
const began = performance.now();
const result =
  command === 'revise'
    ? await reviseBundle(projectDir, { from, outDir })
    : await buildBundle(projectDir, { outDir });
const seconds = (performance.now() - began) / 1000;
const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}: ${i.message}`);
process.stdout.write(
  `${JSON.stringify({
    ok: result.ok, seconds, peakMB: process.resourceUsage().maxRSS / 1024, timings: result.timings,
    zip: result.zip ?? null, bundleDir: result.bundleDir ?? null, reused: result.reused.length, errors,
  })}\n`,
);
