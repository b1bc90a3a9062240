import { mkdir, readdir, rename, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.ts';
import { MAX_EVIDENCE_BYTES } from '../../src/load/evidence-files.ts';
import { readEvidence } from '../../src/artifacts/annex/evidence.ts';
import type { EvidenceFile } from '../../src/model/project-data.ts';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';

let project: MiniProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** A real PDF's first bytes, then a hole up to `size` (takes no space on disk). */
async function sparsePdf(file: string, size: number): Promise<void> {
  await writeFile(file, TINY_PDF);
  await truncate(file, size);
}

const OVER = 2148532224; // 2 GiB + 1 MiB

describe('evidence files over what the annex can place', () => {
  it('are refused when the project is loaded, located in evidence.yaml, naming the file and the limit', async () => {
    project = await makeMiniProject();
    await sparsePdf(path.join(project.dir, 'evidence', 'plan.pdf'), OVER);
    const out = await loadProject(project.dir);
    const found = out.issues.filter((i) => i.code === 'evidence-too-large');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', path: ['evidence', 0, 'file'] });
    expect(found[0]!.file).toMatch(/evidence\.yaml$/);
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.message).toContain('plan.pdf');
    expect(found[0]!.message).toContain(String(MAX_EVIDENCE_BYTES));
    expect(found[0]!.message).toContain(String(OVER));
  });

  it('annex exits 1 with the message and leaves no staging folder, lock or .annex-* behind', async () => {
    project = await makeMiniProject();
    await sparsePdf(path.join(project.dir, 'evidence', 'plan.pdf'), OVER);
    const out = path.join(project.dir, 'out');
    const r = await run('annex', project.dir, '--out', out, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.errors.map((e: { code: string }) => e.code)).toContain('evidence-too-large');
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });

  it('a file that grew past the limit after loading becomes a problem of its own, not a crash', async () => {
    project = await makeMiniProject();
    const file = path.join(project.dir, 'evidence', 'plan.pdf');
    await sparsePdf(file, OVER);
    const evidence = { id: 'E1', file: 'plan.pdf', absPath: file, bytes: TINY_PDF.length, type: 'pdf' } as unknown as EvidenceFile;
    const read = await readEvidence(evidence);
    expect(read).toMatchObject({ kind: 'too-large' });
    expect((read as { detail: string }).detail).toContain(String(MAX_EVIDENCE_BYTES));
  });

  it('evidence scan names the file and the limit and does not register it (exit 0, others registered)', async () => {
    project = await makeMiniProject();
    await sparsePdf(path.join(project.dir, 'evidence', 'huge.pdf'), OVER);
    await writeFile(path.join(project.dir, 'evidence', 'small.pdf'), TINY_PDF);
    const r = await run('evidence', 'scan', project.dir, '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('huge.pdf');
    expect(r.stdout + r.stderr).toContain(String(MAX_EVIDENCE_BYTES));
    const yaml = await import('node:fs/promises').then((fs) => fs.readFile(path.join(project!.dir, 'evidence.yaml'), 'utf8'));
    expect(yaml).toContain('small.pdf');
    expect(yaml).not.toContain('huge.pdf');
  });
});

describe('names in either Unicode form', () => {
  it('finds a file stored with an NFD name when evidence.yaml spells it in NFC', async () => {
    const nfc = 'Café-规划.pdf'.normalize('NFC');
    project = await makeMiniProject((f) => {
      f['evidence.yaml'] = f['evidence.yaml']!.replace('file: plan.pdf', `file: ${nfc}`);
    });
    await mkdir(path.join(project.dir, 'evidence'), { recursive: true });
    await rename(path.join(project.dir, 'evidence', 'plan.pdf'), path.join(project.dir, 'evidence', nfc.normalize('NFD')));
    const out = await loadProject(project.dir);
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.data?.evidence.find((e) => e.id === 'E1')?.absPath).toMatch(new RegExp(`${nfc.normalize('NFD')}$`));
    expect(out.issues.filter((i) => i.code === 'evidence-unlisted')).toEqual([]);
  });
});

describe('annex staging folders of killed runs', () => {
  it('are removed by the next annex run; one of a live process is left alone', async () => {
    project = await makeMiniProject();
    const out = path.join(project.dir, 'out');
    const dead = path.join(out, '.annex-999999999-Ab12Cd');
    const legacy = path.join(out, '.annex-Xy34Zw');
    const live = path.join(out, `.annex-${process.pid}-Qr56St`);
    for (const d of [dead, legacy, live]) {
      await mkdir(d, { recursive: true });
      await writeFile(path.join(d, '佐证材料汇编.pdf'), 'half written');
    }
    const r = await run('annex', project.dir, '--out', out, '--json');
    expect(r.code, r.stdout).toBe(0);
    // the tool's own state folder (.eco-dossier: lock, fingerprints) is the build's too
    expect((await readdir(out)).filter((n) => n !== '.eco-dossier').sort()).toEqual([path.basename(live), '佐证材料汇编.pdf'].sort());
  });
});
