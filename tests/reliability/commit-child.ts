/**
 * Run as a child process by save.test.ts: moves a staged bundle into place and kills itself (SIGKILL, no
 * cleanup of any kind) when the save reaches the step named on the command line.
 */
import path from 'node:path';
import { commitStaging, saveSteps } from '../../src/files/staging.ts';

const [outDir, name, root, step] = process.argv.slice(2) as [string, string, string, string];
saveSteps.onStep = (s) => {
  if (s === step) process.kill(process.pid, 'SIGKILL');
};
await commitStaging({ root, bundleDir: path.join(root, name), zipFile: path.join(root, `${name}.zip`) }, outDir, name);
