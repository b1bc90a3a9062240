/**
 * Run as a child process by save.test.ts: builds a project and kills itself (SIGKILL, no cleanup of any
 * kind) when the save reaches the step named on the command line.
 */
import { buildBundle } from '../../src/bundle/build.ts';
import { saveSteps } from '../../src/files/staging.ts';

const [projectDir, outDir, step] = process.argv.slice(2);
saveSteps.onStep = (s) => {
  if (s === step) process.kill(process.pid, 'SIGKILL');
};
const result = await buildBundle(projectDir!, { outDir: outDir! });
process.stdout.write(JSON.stringify({ ok: result.ok, issues: result.issues.filter((i) => i.severity === 'error') }));
