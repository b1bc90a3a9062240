import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptUpload, finishInterruptedAcceptances, type AcceptStep } from '../../src/serve/acceptance.ts';
import { OfficeRecord } from '../../src/serve/record.ts';
import { ProjectState } from '../../src/serve/state.ts';
import { receiveEvidence, receiveWorkbook } from '../../src/serve/uploads.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, collectInto, editWorkbook, SAMPLE_YEARS } from '../workbook/helpers.ts';

/**
 * kill -9 at each step of an acceptance, then a new start: what the record holds as accepted is finished,
 * anything else is undone (no orphan copy, evidence.yaml and results.yaml as they were), and accepting the
 * upload again makes exactly one copy and one entry.
 */

const WATER = '区水务局';
const DRAFT = { indicators: [3], title: '运行台账', issuer: WATER, date: '2023-05-10', kind: '台账' };

function stopAt(dir: string, id: number, step: AcceptStep): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'stop-during-accept.ts'), dir, String(id), step], { encoding: 'utf8', timeout: 90_000 });
  expect(child.signal, child.stderr).toBe('SIGKILL');
}

describe('an acceptance stopped by kill -9', () => {
  const projects: MiniProject[] = [];
  afterEach(async () => {
    for (const p of projects.splice(0)) await p.cleanup();
  });

  const fresh = async () => {
    const project = await makeMiniProject();
    projects.push(project);
    const record = new OfficeRecord(project.dir);
    const state = new ProjectState(project.dir);
    return { project, record, state };
  };
  const evidenceCopies = (dir: string) => readdir(path.join(dir, 'evidence', WATER)).catch(() => [] as string[]);

  for (const step of ['journalled', 'copied', 'written', 'recorded'] as const) {
    it(`after "${step}": finished or undone at the next start, and accepting again never copies twice`, async () => {
      const { project, record, state } = await fresh();
      const yamlBefore = await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8');
      const id = await receiveEvidence(state, record, WATER, '运行台账.pdf', TINY_PDF, DRAFT);
      record.close();
      stopAt(project.dir, id, step);

      // the next start
      const again = new OfficeRecord(project.dir);
      const state2 = new ProjectState(project.dir);
      try {
        expect(await finishInterruptedAcceptances(state2, again)).toBe(1);
        expect(await readdir(path.join(project.dir, '.eco-dossier', 'journal'))).toEqual([]);
        const recovered = again.events({ limit: 5 }).find((e) => e.action === '恢复')!;
        if (step === 'recorded') {
          expect(again.upload(id)!.status).toBe('accepted');
          expect(recovered.detail).toContain('接受已完成');
        } else {
          expect(again.upload(id)!.status).toBe('pending');
          expect(await evidenceCopies(project.dir)).toEqual([]);
          expect(await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8')).toBe(yamlBefore);
          expect(recovered.detail).toContain('未完成的修改已撤回');
          const decision = await acceptUpload(state2, again, id, { overwrite: false });
          expect(decision.ok, decision.issues.join('\n')).toBe(true);
        }
        // either way: one copy, one entry, one acceptance in the record
        expect(await evidenceCopies(project.dir)).toEqual(['运行台账.pdf']);
        const yaml = await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8');
        expect(yaml.startsWith(yamlBefore)).toBe(true);
        expect(yaml.split(`file: ${WATER}/`).length - 1).toBe(1);
        expect((await acceptUpload(state2, again, id, { overwrite: false })).status).toBe(409);
        expect(await evidenceCopies(project.dir)).toEqual(['运行台账.pdf']);
      } finally {
        again.close();
      }
    }, 120_000);
  }

  it('takes an orphan copy of the same bytes (left by an earlier interrupted acceptance) as the upload\'s copy', async () => {
    const { project, record, state } = await fresh();
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(project.dir, 'evidence', WATER), { recursive: true });
    await writeFile(path.join(project.dir, 'evidence', WATER, '运行台账.pdf'), TINY_PDF);
    const id = await receiveEvidence(state, record, WATER, '运行台账.pdf', TINY_PDF, DRAFT);
    try {
      expect((await acceptUpload(state, record, id, { overwrite: false })).ok).toBe(true);
      expect(await evidenceCopies(project.dir)).toEqual(['运行台账.pdf']);
      expect(await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8')).toContain(`file: ${WATER}/运行台账.pdf`);
    } finally {
      record.close();
    }
  });

  /** 区水务局's workbook with indicator 3's 2021 value filled in (84.1), read as a unit would upload it */
  const filledWorkbook = async (dir: string, work: string) => {
    const books = await collectInto(dir, work);
    const file = path.join(work, 'filled.xlsx');
    await copyFile(books.get(WATER)!, file);
    await editWorkbook(file, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '3', '2021年数值')).value = 84.1;
    });
    return readFile(file);
  };

  it('a workbook stopped after import wrote results.yaml: results.yaml comes back, the upload waits again', async () => {
    const { project, record, state } = await fresh();
    const work = await mkdtemp(path.join(os.tmpdir(), 'eco-accept-'));
    try {
      const bytes = await filledWorkbook(project.dir, work);
      const resultsBefore = await readFile(path.join(project.dir, 'results.yaml'), 'utf8');
      const { id, preview } = await receiveWorkbook(state, record, WATER, `${WATER}.xlsx`, bytes);
      expect(preview.changes.length).toBeGreaterThan(0);
      record.close();
      stopAt(project.dir, id, 'written');
      const again = new OfficeRecord(project.dir);
      try {
        await finishInterruptedAcceptances(new ProjectState(project.dir), again);
        expect(await readFile(path.join(project.dir, 'results.yaml'), 'utf8')).toBe(resultsBefore);
        expect(again.upload(id)!.status).toBe('pending');
        const decision = await acceptUpload(new ProjectState(project.dir), again, id, { overwrite: false });
        expect(decision.ok).toBe(true);
        expect(await readFile(path.join(project.dir, 'results.yaml'), 'utf8')).toContain('84.1');
      } finally {
        again.close();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  for (const step of ['journalled', 'written'] as const) {
    it(`a workbook stopped after "${step}", then results.yaml edited by hand: the next start keeps the edit and says so`, async () => {
      const { project, record, state } = await fresh();
      const work = await mkdtemp(path.join(os.tmpdir(), 'eco-accept-'));
      try {
        const { id } = await receiveWorkbook(state, record, WATER, `${WATER}.xlsx`, await filledWorkbook(project.dir, work));
        record.close();
        stopAt(project.dir, id, step);
        // the office corrects a value by hand while the server is down
        const results = path.join(project.dir, 'results.yaml');
        const edited = (await readFile(results, 'utf8')).replace('2022: 86.2', '2022: 87.0');
        await writeFile(results, edited);
        const again = new OfficeRecord(project.dir);
        try {
          await finishInterruptedAcceptances(new ProjectState(project.dir), again);
          expect(await readFile(results, 'utf8')).toBe(edited);
          expect(again.upload(id)!.status).toBe('pending');
          expect(again.events({ limit: 5 }).find((e) => e.action === '恢复')!.detail).toContain('results.yaml 在中断后又被修改过，保留现在的内容');
        } finally {
          again.close();
        }
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
