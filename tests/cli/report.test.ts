import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';
import { sampleWithTemplate } from '../artifacts/report/template-copy.ts';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eco-report-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function keep(p: MiniProject): MiniProject {
  cleanups.push(p.cleanup);
  return p;
}

describe('eco-dossier report', () => {
  it('writes the report of the sample and prints one JSON object', async () => {
    const out = path.join(await tempDir(), 'sub', '报告.docx');
    const r = await run('report', '--out', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ok: true, errors: [], output: out });
    expect(json.bytes).toBeGreaterThan(10_000);
    expect(existsSync(out)).toBe(true);
    // the atomic write leaves no temporary file behind
    expect(await readdir(path.dirname(out))).toEqual(['报告.docx']);
  });

  it('exits 1 on input errors, writing nothing', async () => {
    const p = keep(await makeMiniProject((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('units: [区水务局]', 'units: [区水利局]');
    }));
    const out = path.join(await tempDir(), 'r.docx');
    const r = await run('report', p.dir, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/indicators\.yaml:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 on a template error, naming the template file and line, writing nothing', async () => {
    const p = keep(await sampleWithTemplate((s) => s.replace('{{district.name}}成立了', '{{district.nmae}}成立了')));
    const out = path.join(await tempDir(), 'r.docx');
    const r = await run('report', p.dir, '--out', out, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    expect(json.errors[0]).toMatchObject({ code: 'template-error' });
    expect(json.errors[0].file).toMatch(/my-templates\/report\/report\.md\.hbs$/);
    expect(json.errors[0].line).toBeGreaterThan(1);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on wrong arguments', async () => {
    expect((await run('report', '--out', 'x.pdf')).code).toBe(2);
    expect((await run('report', '--bogus')).code).toBe(2);
  });
});
