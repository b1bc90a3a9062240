/**
 * Runs one build or revise as the command line does (bin/eco-dossier.js → dist/cli/launch.js: the
 * command on its own thread) and prints, as one JSON line, the stage timings and the peak resident memory
 * of the whole process (what the office's machine would see). It runs the compiled command in dist/
 * (`npm run bench` compiles it first), not the TypeScript through a loader, whose compiler would add its
 * own time and memory.
 */
const { runCommand } = await import('../dist/cli/launch.js');

const [command, projectDir, outDir, from] = process.argv.slice(2);
const argv = command === 'revise'
  ? ['revise', projectDir, '--from', from, '--out', outDir, '--json']
  : ['build', projectDir, '--out', outDir, '--json'];
let printed = '';
const began = performance.now();
const code = await runCommand(argv, { stdout: (text) => (printed += text) });
const seconds = (performance.now() - began) / 1000;
let result;
try {
  result = JSON.parse(printed);
} catch {
  process.stderr.write(`${command} printed no JSON (exit ${code}):\n${printed}\n`);
  process.exit(1);
}
const errors = (result.errors ?? []).map((i) => `${i.file}: ${i.message}`);
process.stdout.write(
  `${JSON.stringify({
    ok: result.ok && code === 0, seconds, peakMB: process.resourceUsage().maxRSS / 1024, timings: result.timings ?? {},
    zip: result.zip ?? null, bundleDir: result.bundleDir ?? null, reused: (result.reused ?? []).length, errors,
  })}\n`,
);
