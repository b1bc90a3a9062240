import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { diffManifests, formatDiff } from '../../src/package/diff.ts';
import { readManifest } from '../../src/package/manifest-read.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { copySample, copySampleWithUnbackedCorrection, type MiniProject } from '../helpers/mini-project.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const SAMPLE = 'fixtures/yanzhou-2023';

let out: string;
let r1: BuildResult;
let r2: ReviseResult;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-revise-'));
  r1 = await buildBundle(SAMPLE, { outDir: out });
  r2 = await reviseBundle(SAMPLE, { from: r1.zip!, outDir: out });
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('revise after the sample review round', () => {
  it('builds r2 from r1 and feedback/round-1.yaml', () => {
    expect(r1.ok).toBe(true);
    expect(r2.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r2.ok).toBe(true);
    expect(r2.revision).toBe(2);
    expect(path.basename(r2.bundleDir!)).toBe('兖州区-国家生态文明建设示范区申报材料-r2');
    expect(r2.feedbackFile).toMatch(/feedback\/round-1\.yaml$/);
    expect(r2.open).toEqual([]);
  });

  it('keeps unchanged files byte-identical and at the same paths', () => {
    const m1 = r1.manifest!;
    const m2 = r2.manifest!;
    const unchanged = m2.changes!.filter((c) => c.op === 'unchanged').map((c) => c.path);
    expect(unchanged.length).toBeGreaterThan(40);
    for (const p of unchanged) {
      expect(sha(path.join(r2.bundleDir!, ...p.split('/'))), p).toBe(sha(path.join(r1.bundleDir!, ...p.split('/'))));
    }
    const evidence1 = m1.files.filter((f) => f.role === 'evidence').map((f) => f.path);
    expect(unchanged).toEqual(expect.arrayContaining(evidence1));
    expect(r2.reused).toEqual(expect.arrayContaining(evidence1));
    // the folder of r1 sits beside its zip: unchanged files are linked, not copied
    const one = evidence1[0]!.split('/');
    expect(statSync(path.join(r2.bundleDir!, ...one)).ino).toBe(statSync(path.join(r1.bundleDir!, ...one)).ino);
  });

  it('changes.json lists every path with its operation, and the manifest shows the same', () => {
    const list = JSON.parse(readFileSync(path.join(r2.bundleDir!, 'changes.json'), 'utf8'));
    const changes = { changes: list as { path: string; op: string; oldSha256: string | null; newSha256: string | null }[] };
    expect(Array.isArray(list)).toBe(true);
    expect(Object.keys(list[0]).sort()).toEqual(['newSha256', 'oldSha256', 'op', 'path']);
    expect(changes.changes).toEqual(r2.manifest!.changes);
    expect(r2.manifest!.previous).toMatchObject({ revision: 1 });
    const ops = Object.fromEntries(changes.changes.map((c: { path: string; op: string }) => [c.path, c.op]));
    expect(ops['补充材料说明.docx']).toBe('new');
    expect(ops['原始材料/28-农村生活垃圾无害化处理村占比/农村生活垃圾无害化处理情况核查报告.pdf']).toBe('new');
    expect(ops['申报报告.docx']).toBe('replace');
    expect(ops['指标任务分解表.xlsx']).toBe('replace');
    expect(ops['佐证材料汇编.pdf']).toBe('replace');
    const allPaths = new Set([...r1.manifest!.files, ...r2.manifest!.files].map((f) => f.path).filter((p) => p !== 'changes.json'));
    expect(new Set(changes.changes.map((c: { path: string }) => c.path))).toEqual(allPaths);
    for (const c of changes.changes) {
      const old = r1.manifest!.files.find((f) => f.path === c.path);
      const now = r2.manifest!.files.find((f) => f.path === c.path);
      expect(c.oldSha256).toBe(old?.sha256 ?? null);
      expect(c.newSha256).toBe(now?.sha256 ?? null);
    }
  });

  it('verify passes on r2: the complete folder, and the zip of the changed files', async () => {
    const folder = await verifyBundle(r2.bundleDir!);
    expect(folder).toMatchObject({ ok: true, contents: 'complete', omitted: 0, checked: r2.manifest!.files.length });
    const zip = await verifyBundle(r2.zip!);
    const unchanged = r2.manifest!.changes!.filter((c) => c.op === 'unchanged').map((c) => c.path);
    expect(zip).toMatchObject({ ok: true, contents: 'changes', omitted: unchanged.length, checked: r2.manifest!.files.length - unchanged.length });
    const cli = await run('verify', r2.zip!);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`这是第2版的变更部分包：只含相对第1版新增和替换的文件；另有 ${unchanged.length} 个未变的文件按设计不在包中`);
  });

  it('the r2 zip carries exactly what is new or replaced, plus the full manifest, and checks with sha256sum', async () => {
    expect(r2.zipContents).toBe('changes');
    const zip = await JSZip.loadAsync(readFileSync(r2.zip!));
    const top = `${path.basename(r2.bundleDir!)}/`;
    const inZip = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name.slice(top.length)).sort();
    const carried = r2.manifest!.files.filter((f) => r2.manifest!.changes!.find((c) => c.path === f.path)?.op !== 'unchanged').map((f) => f.path);
    expect(inZip).toEqual([...carried, 'manifest-sha256.txt', 'manifest.json'].sort());
    expect(inZip).toEqual(expect.arrayContaining(['补充材料说明.docx', '申报报告.docx', '佐证材料汇编.pdf', 'changes.json']));
    expect(inZip.filter((p) => p.startsWith('原始材料/'))).toEqual([
      '原始材料/18-单位地区生产总值用水量/单位地区生产总值用水量2020年核定数据.pdf',
      '原始材料/26-农村生活污水治理率/农村生活污水治理率2022年度终核数据.pdf',
      '原始材料/28-农村生活垃圾无害化处理村占比/农村生活垃圾无害化处理情况核查报告.pdf',
    ]);
    // the manifest is the folder's, byte for byte: it still lists every file of r2
    expect(await zip.file(`${top}manifest.json`)!.async('nodebuffer')).toEqual(readFileSync(path.join(r2.bundleDir!, 'manifest.json')));
    if (haveTools('unzip', 'sha256sum')) {
      const { execFileSync } = await import('node:child_process');
      const into = mkdtempSync(path.join(os.tmpdir(), 'eco-r2zip-'));
      try {
        execFileSync('unzip', ['-q', r2.zip!, '-d', into]);
        const lines = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: path.join(into, path.basename(r2.bundleDir!)), encoding: 'utf8' });
        expect(lines.trim().split('\n')).toHaveLength(inZip.length - 1);
      } finally {
        rmSync(into, { recursive: true, force: true });
      }
    }
  });

  it('verify still names files missing from a changes-only package, and unchanged files missing from a complete one', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-r2-missing-'));
    try {
      const { execFileSync } = await import('node:child_process');
      execFileSync('unzip', ['-q', r2.zip!, '-d', path.join(own, 'changes')]);
      const changesDir = path.join(own, 'changes', path.basename(r2.bundleDir!));
      rmSync(path.join(changesDir, '申报报告.docx'));
      expect(await verifyBundle(changesDir)).toMatchObject({ ok: false, contents: 'changes', missing: ['申报报告.docx'] });
      // a line of its checksum file tampered with: still a changes-only package, with the checksum file altered
      const sums = path.join(changesDir, 'manifest-sha256.txt');
      writeFileSync(sums, readFileSync(sums, 'utf8').replace(/^[0-9a-f]{8}/, '00000000'));
      expect(await verifyBundle(changesDir)).toMatchObject({ ok: false, contents: 'changes', missing: ['申报报告.docx'], altered: [expect.objectContaining({ path: 'manifest-sha256.txt' })] });
      execFileSync('cp', ['-r', r2.bundleDir!, path.join(own, 'complete')]);
      const completeDir = path.join(own, 'complete');
      const someUnchanged = r2.manifest!.changes!.filter((c) => c.op === 'unchanged').slice(0, 2).map((c) => c.path);
      for (const p of someUnchanged) rmSync(path.join(completeDir, ...p.split('/')));
      expect(await verifyBundle(completeDir)).toMatchObject({ ok: false, contents: 'complete', missing: someUnchanged });
      // all unchanged files gone from a complete folder: still a damaged complete bundle, not a changes-only one
      const allUnchanged = r2.manifest!.changes!.filter((c) => c.op === 'unchanged').map((c) => c.path);
      for (const p of allUnchanged.slice(2)) rmSync(path.join(completeDir, ...p.split('/')));
      expect(await verifyBundle(completeDir)).toMatchObject({ ok: false, contents: 'complete', omitted: 0, missing: allUnchanged });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('--full-zip gives a complete r2 zip; a changes-only zip alone cannot be revised from', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fullzip-'));
    try {
      const { execFileSync } = await import('node:child_process');
      execFileSync('cp', ['-r', r1.bundleDir!, r1.zip!, own]);
      const from = path.join(own, path.basename(r1.zip!));
      const full = await reviseBundle(SAMPLE, { from, outDir: own, zipContents: 'complete' });
      expect(full.zipContents).toBe('complete');
      expect(readFileSync(path.join(own, path.basename(r2.bundleDir!), 'manifest.json'))).toEqual(readFileSync(path.join(r2.bundleDir!, 'manifest.json')));
      expect(await verifyBundle(full.zip!)).toMatchObject({ ok: true, contents: 'complete', checked: r2.manifest!.files.length });
      // the changes-only zip of r2 without its folder
      rmSync(path.join(own, path.basename(r2.bundleDir!)), { recursive: true });
      execFileSync('cp', [r2.zip!, own]);
      const refused = await reviseBundle(SAMPLE, { from: path.join(own, path.basename(r2.zip!)), outDir: own });
      expect(refused.ok).toBe(false);
      expect(refused.issues[0]).toMatchObject({ code: 'previous-changes-only' });
      expect(refused.issues[0]!.message).toContain('变更部分包');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('diff agrees with changes.json and names the indicators that changed', async () => {
    const d = diffManifests(await readManifest(r1.zip!), await readManifest(r2.zip!));
    const fromChanges = (op: string) => r2.manifest!.changes!.filter((c) => c.op === op).map((c) => c.path);
    expect(d.files.new).toEqual([...fromChanges('new'), 'changes.json'].sort());
    expect(d.files.replace).toEqual(fromChanges('replace'));
    expect(d.files.unchanged).toEqual(fromChanges('unchanged'));
    const byNo = Object.fromEntries(d.indicators.map((i) => [i.no, i]));
    expect(byNo[26]).toMatchObject({ verdict: { from: '未达标', to: '达标' }, current: { from: '46.3%', to: '51.2%' } });
    expect(byNo[28]).toMatchObject({ verdict: { from: '待补充', to: '达标' } });
    expect(byNo[18]).toMatchObject({ verdict: { from: '待补充', to: '达标' } });
    expect(Object.keys(byNo).map(Number)).toEqual([18, 26, 28]);
    expect([...d.evidence.added].sort()).toEqual(['E50-rural-waste-check', 'E51-rural-sewage-final', 'E52-water-use-2020']);
    expect(d.annex[0]!.pagesAfter).toBeGreaterThan(d.annex[0]!.pagesBefore!);
    const cli = await run('diff', r1.zip!, r2.bundleDir!);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('26 农村生活污水治理率：现状值 46.3% → 51.2%；达标情况 未达标 → 达标');
  });

  it('the response document answers each item in order', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(r2.bundleDir!, '补充材料说明.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const at = (s: string) => text.indexOf(s);
    for (const id of ['R1-01', 'R1-02', 'R1-03', 'R1-04']) expect(text).toContain(id);
    expect(at('R1-01')).toBeLessThan(at('R1-02'));
    expect(at('R1-02')).toBeLessThan(at('R1-03'));
    expect(text).toContain('由 46.3% 更正为 51.2%');
    expect(text).toMatch(/编入佐证材料汇编\.pdf 第\d+-1页/); // an inserted page: every other page keeps its number
    expect(text).toContain('由“未达标”变为“达标”');
  });

  it('r3 without a new round (forced: it changes nothing) keeps what round 1 answered: its evidence, values and response document', async () => {
    // the sample's round-2.yaml is for r3: a revision answering no new round is made from a copy without it
    const project = await copySample();
    rmSync(path.join(project.dir, 'feedback', 'round-2.yaml'));
    const r3 = await reviseBundle(project.dir, { from: r2.bundleDir!, outDir: out, force: true });
    await project.cleanup();
    expect(r3.ok).toBe(true);
    expect(r3.revision).toBe(3);
    const ops = r3.manifest!.changes!;
    expect(ops.filter((c) => c.op === 'delete')).toEqual([]);
    expect(ops.find((c) => c.path === '补充材料说明.docx')!.op).toBe('unchanged');
    expect(ops.find((c) => c.path.endsWith('农村生活垃圾无害化处理情况核查报告.pdf'))!.op).toBe('unchanged');
    const byNo = new Map(r3.manifest!.indicators.map((i) => [i.no, i]));
    expect(byNo.get(26)).toMatchObject({ current: '51.2%', verdict: '达标' });
    expect(byNo.get(28)!.evidence).toContain('E50-rural-waste-check');
    // only 说明.txt, which names the revision, changes
    expect(ops.filter((c) => c.op === 'replace').map((c) => c.path)).toEqual(['说明.txt']);
  }, 120_000);

  it('records the rounds each revision answers, and says which round files it leaves unanswered', async () => {
    expect(r2.manifest!.answeredRounds).toEqual([1]);
    const project = await copySample();
    rmSync(path.join(project.dir, 'feedback', 'round-2.yaml')); // the sample's 现场核查 round, for r3
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-rounds-'));
    try {
      const round1 = readFileSync(path.join(project.dir, 'feedback', 'round-1.yaml'), 'utf8');
      writeFileSync(path.join(project.dir, 'feedback', 'round-3.yaml'), round1.replace(/^round: 1$/m, 'round: 3'));
      const first = await buildBundle(project.dir, { outDir: own });
      const second = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      expect(second.ok).toBe(true);
      expect(second.manifest!.answeredRounds).toEqual([1]);
      expect(second.issues.find((i) => i.code === 'feedback-round-unused' && i.message.includes('round-3'))).toMatchObject({ severity: 'warning', message: expect.stringContaining('round-3.yaml 未被采用') });
      // round 1's evidence moved into evidence.yaml afterwards: evidence.yaml wins, nothing fails
      const yaml = path.join(project.dir, 'evidence.yaml');
      const fb = path.join(project.dir, 'feedback', 'round-1', '农村生活垃圾无害化处理情况核查报告.pdf');
      writeFileSync(path.join(project.dir, 'evidence', 'moved.pdf'), readFileSync(fb));
      writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}  - id: E50-rural-waste-check\n    file: moved.pdf\n    indicators: [28]\n    title: 济宁市兖州区农村生活垃圾无害化处理情况核查报告\n    issuer: 区综合行政执法局\n    date: 2023-07-18\n    kind: 报告\n`);
      const third = await reviseBundle(project.dir, { from: second.bundleDir!, outDir: own });
      expect(third.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(third.ok).toBe(true);
      expect(third.issues.find((i) => i.code === 'feedback-evidence-in-project')).toBeDefined();
      expect(third.manifest!.answeredRounds).toEqual([1]);
    } finally {
      await project.cleanup();
      rmSync(own, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a damaged previous bundle', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'eco-damaged-'));
    try {
      const { execFileSync } = await import('node:child_process');
      execFileSync('cp', ['-r', r1.bundleDir!, copy]);
      const dir = path.join(copy, path.basename(r1.bundleDir!));
      writeFileSync(path.join(dir, '说明.txt'), 'changed');
      const refused = await reviseBundle(SAMPLE, { from: dir, outDir: copy });
      expect(refused.ok).toBe(false);
      expect(refused.issues[0]).toMatchObject({ code: 'previous-damaged' });
      expect(refused.issues[0]!.message).toContain('文件已被改动：说明.txt');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('revise with the annex in volumes: only the volumes holding changed indicators are regenerated', () => {
  // a round 1 that changes 26 (a value) and 28 (new evidence) only, so one volume changes
  let project: MiniProject;
  let own: string;
  let v1: BuildResult;
  let v2: ReviseResult;
  beforeAll(async () => {
    project = await copySampleWithUnbackedCorrection();
    own = mkdtempSync(path.join(os.tmpdir(), 'eco-revise-volumes-'));
    v1 = await buildBundle(project.dir, { outDir: own, maxVolumeMb: 0.3 });
    v2 = await reviseBundle(project.dir, { from: v1.zip!, outDir: own, maxVolumeMb: 0.3 });
  }, 300_000);
  afterAll(async () => {
    rmSync(own, { recursive: true, force: true });
    await project?.cleanup();
  });

  const annexOf = (m: BuildResult['manifest']) => m!.files.filter((f) => f.role === 'annex');

  it('keeps the split and the page numbers of every other volume; the grown one gets inserted pages', () => {
    expect(v2.ok).toBe(true);
    const before = annexOf(v1.manifest);
    const after = annexOf(v2.manifest);
    expect(before.length).toBeGreaterThan(3);
    expect(after.map((f) => [f.path, f.indicators])).toEqual(before.map((f) => [f.path, f.indicators]));
    const ops = new Map(v2.manifest!.changes!.map((c) => [c.path, c.op]));
    const changed = after.filter((f) => ops.get(f.path) === 'replace');
    // 26 (corrected value) and 28 (new evidence) sit in the same volume here: exactly that one is regenerated
    expect(changed.map((f) => f.indicators)).toEqual([expect.arrayContaining([26, 28])]);
    for (const f of after.filter((x) => x !== changed[0])) {
      expect(ops.get(f.path), f.path).toBe('unchanged');
      expect(sha(path.join(v2.bundleDir!, f.path))).toBe(sha(path.join(v1.bundleDir!, f.path)));
    }
    const grown = changed[0]!;
    const old = before.find((f) => f.path === grown.path)!;
    expect(grown.pages).toEqual({ first: old.pages!.first, last: old.pages!.last, count: old.pages!.count + 1, inserted: 1 });
  });

  it('every other indicator in the regenerated volume keeps its page numbers; the new evidence is an inserted page', () => {
    const ops = new Map(v2.manifest!.changes!.map((c) => [c.path, c.op]));
    const grown = annexOf(v2.manifest).find((f) => ops.get(f.path) === 'replace')!;
    const old = annexOf(v1.manifest).find((f) => f.path === grown.path)!;
    const section = (f: typeof grown, no: number) => f.contents!.find((c) => c.indicator === no)!;
    for (const no of grown.indicators!.filter((n) => n !== 28)) expect(section(grown, no), `指标${no}`).toEqual(section(old, no));
    const before = section(old, 28);
    const after = section(grown, 28);
    expect([after.firstPage, after.lastPage]).toEqual([before.firstPage, before.lastPage]);
    expect(before.evidence).toEqual([]); // 28 had no evidence in r1: its section was the divider alone
    expect(after.evidence).toEqual([{ id: 'E50-rural-waste-check', firstPage: before.lastPage, pages: 1, printed: { first: `${before.lastPage}-1`, last: `${before.lastPage}-1` } }]);
  });

  it('diff shows the grown volume with the same range of numbers', () => {
    const d = diffManifests(v1.manifest!, v2.manifest!);
    const grown = d.annex.filter((a) => a.pagesAfter !== a.pagesBefore);
    expect(grown).toHaveLength(1);
    expect(grown[0]!.pagesAfter).toBe(grown[0]!.pagesBefore! + 1);
    for (const a of d.annex) expect(a.numbersAfter).toBe(a.numbersBefore);
    expect(formatDiff(d)).toContain(`${grown[0]!.path}: ${grown[0]!.pagesBefore} → ${grown[0]!.pagesAfter} 页（第${grown[0]!.numbersAfter}页）`);
  });

  it('stamps the inserted page, labels it for PDF readers, and cites it in the response', async () => {
    const ops = new Map(v2.manifest!.changes!.map((c) => [c.path, c.op]));
    const grown = annexOf(v2.manifest).find((f) => ops.get(f.path) === 'replace')!;
    const file = path.join(v2.bundleDir!, grown.path);
    const base = grown.contents!.find((c) => c.indicator === 28)!.lastPage;
    const response = await JSZip.loadAsync(readFileSync(path.join(v2.bundleDir!, '补充材料说明.docx')));
    const text = (await response.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(`编入${grown.path} 第${base}-1页`);
    if (!haveTools('pdftotext', 'qpdf')) return;
    const { execFileSync } = await import('node:child_process');
    const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
    const inserted = pages.findIndex((p) => p.includes(`— ${base}-1 —`));
    expect(inserted).toBeGreaterThan(0);
    expect(pages[inserted]).toContain('指标28');
    expect(pages[inserted - 1]).toContain(`— ${base} —`);
    expect(pages[inserted + 1]).toContain(`— ${base + 1} —`);
    expect(pages[0]!.replace(/\s+/g, '')).toContain('含插页1页');
    const contents = pages[1]!.replace(/[ \t]+/g, ' ');
    expect(contents).toContain(`${base}-1`);
    const labels = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pagelabels', file], { encoding: 'utf8' })).pagelabels;
    expect(labels).toContainEqual({ index: inserted, label: { '/P': `u:${base}-`, '/S': '/D', '/St': 1 } });
    expect(labels).toContainEqual({ index: inserted + 1, label: { '/S': '/D', '/St': base + 1 } });
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });
});
