/**
 * Run as a child process by acceptance.test.ts: accepts one upload and kills itself with SIGKILL (kill -9: no
 * cleanup, no finally) at the named step of the acceptance, as a power cut or a killed server would.
 * argv: <project folder> <upload id> <step>
 */
import { acceptUpload, type AcceptStep } from '../../src/serve/acceptance.ts';
import { OfficeRecord } from '../../src/serve/record.ts';
import { ProjectState } from '../../src/serve/state.ts';

const [dir, id, stop] = process.argv.slice(2) as [string, string, AcceptStep];
const record = new OfficeRecord(dir);
const state = new ProjectState(dir);
await acceptUpload(state, record, Number(id), {
  overwrite: false,
  onStep: (step) => {
    if (step === stop) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without being stopped\n');
