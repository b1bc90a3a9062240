/**
 * Runs one build or revise as the command line does (bin/eco-dossier.js → dist/cli/launch.js: the
 * command on its own thread) and prints, as one JSON line, the stage timings and the peak resident memory
 * of the whole process and the processes it starts (what the office's machine would see: the report's
 * charts are drawn in a process of their own). It runs the compiled command in dist/ (`npm run bench`
 * compiles it first), not the TypeScript through a loader, whose compiler would add its own time and memory.
 */
import { readdirSync, readFileSync } from 'node:fs';

const { runCommand } = await import('../dist/cli/launch.js');

/** Resident kB of a process, from /proc (0 once it has ended). */
function residentKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** This process and its children together, now. */
function treeKb() {
  let kb = residentKb(process.pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) kb += residentKb(entry);
    } catch {
      // ended meanwhile
    }
  }
  return kb;
}

const [command, projectDir, outDir, from] = process.argv.slice(2);
const argv = command === 'revise'
  ? ['revise', projectDir, '--from', from, '--out', outDir, '--json']
  : ['build', projectDir, '--out', outDir, '--json'];
let printed = '';
let treePeakKb = 0;
let childrenSeen = false;
// sampled every 20 ms (the command runs on its own thread, so this one is free to look)
const sampler = setInterval(() => {
  const kb = treeKb();
  if (kb > residentKb(process.pid)) childrenSeen = true;
  treePeakKb = Math.max(treePeakKb, kb);
}, 20);
const began = performance.now();
const code = await runCommand(argv, { stdout: (text) => (printed += text) });
const seconds = (performance.now() - began) / 1000;
clearInterval(sampler);
let result;
try {
  result = JSON.parse(printed);
} catch {
  process.stderr.write(`${command} printed no JSON (exit ${code}):\n${printed}\n`);
  process.exit(1);
}
const errors = (result.errors ?? []).map((i) => `${i.file}: ${i.message}`);
const ownPeakKb = process.resourceUsage().maxRSS;
process.stdout.write(
  `${JSON.stringify({
    ok: result.ok && code === 0, seconds, peakMB: Math.max(ownPeakKb, treePeakKb) / 1024, ownPeakMB: ownPeakKb / 1024, childrenSeen,
    timings: result.timings ?? {}, zip: result.zip ?? null, bundleDir: result.bundleDir ?? null, reused: (result.reused ?? []).length, errors,
  })}\n`,
);
