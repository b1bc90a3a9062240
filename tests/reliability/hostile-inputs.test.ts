import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import type { Issue } from '../../src/model/issue.ts';
import { CRAFTED_PDFS, pngOf, pngRows } from '../helpers/crafted.ts';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';
import { haveTools } from '../helpers/tools.ts';

/**
 * Damaged and hostile inputs, each built here: every one ends in an input error naming the file (exit 1)
 * or, where the file can be repaired or cleaned, a warning naming it; never a crash (exit 2), never a
 * blank or garbled page accepted silently.
 */

const projects: MiniProject[] = [];
afterAll(async () => {
  for (const p of projects) await p.cleanup();
});

async function project(evidence: Record<string, Buffer>, change?: (files: Record<string, string>) => void): Promise<MiniProject> {
  const p = await makeMiniProject(change, { 'water/report.pdf': TINY_PDF, ...evidence });
  projects.push(p);
  return p;
}

async function buildWith(planPdf: Buffer, allowMissing = false, name = 'plan.pdf') {
  const p = await project({ [name]: planPdf }, name === 'plan.pdf' ? undefined : (f) => {
    f['evidence.yaml'] = f['evidence.yaml']!.replace('file: plan.pdf', `file: ${name}`);
  });
  const result = await buildBundle(p.dir, { outDir: path.join(p.dir, 'out'), allowMissing });
  return { p, result };
}

const errorsOf = (issues: readonly Issue[]) => issues.filter((i) => i.severity === 'error');
const STOPPED = '，佐证材料汇编未生成';
const REPLACED = '，已在汇编中以“材料无法读取”说明页代替';

describe('damaged PDFs are input errors naming the file, and placeholders under --allow-missing', () => {
  const cases: [string, () => Buffer, string][] = [
    ['a page tree that loops', CRAFTED_PDFS.loopingPageTree, 'PDF 文件已损坏或不完整（页面树中有循环引用（某一层页面节点又指回了自己或上层））'],
    ['no catalog', CRAFTED_PDFS.noCatalog, 'PDF 文件已损坏或不完整（文件中没有文档目录（Catalog），无法找到页面）'],
    ['a zero-size page box', CRAFTED_PDFS.zeroPageBox, 'PDF 文件已损坏或不完整（第1页：页面尺寸异常（0×0 点），无法显示）'],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses a PDF with ${what}`, async () => {
      const { p, result } = await buildWith(make());
      expect(result.ok).toBe(false);
      const errors = errorsOf(result.issues);
      expect(errors.map((e) => [e.code, e.file, e.message])).toEqual([
        ['evidence-pdf-corrupt', path.join(p.dir, 'evidence', 'plan.pdf'), `佐证材料 E1（生态文明建设规划）无法编入：${reason}${STOPPED}`],
      ]);
      const allowed = await buildBundle(p.dir, { outDir: path.join(p.dir, 'out-allowed'), allowMissing: true });
      expect(allowed.ok).toBe(true);
      expect(allowed.issues.find((i) => i.code === 'evidence-pdf-corrupt')?.message).toBe(`佐证材料 E1（生态文明建设规划）无法编入：${reason}${REPLACED}`);
    });
  }

  it('exits 1 from the command line (not 2), naming the file', async () => {
    const p = await project({ 'plan.pdf': CRAFTED_PDFS.loopingPageTree() });
    const { code, stdout } = await run('build', p.dir, '--out', path.join(p.dir, 'out'));
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(p.dir, 'evidence', 'plan.pdf')}: 错误: 佐证材料 E1（生态文明建设规划）无法编入：PDF 文件已损坏或不完整（页面树中有循环引用`);
  });
});

describe.runIf(haveTools('qpdf'))('a PDF with a broken cross-reference table that qpdf reads', () => {
  it('is rewritten by qpdf and placed in the annex, with a warning naming the file', async () => {
    const broken = CRAFTED_PDFS.brokenXref();
    expect(() => execQpdfCheck(broken)).toThrow(/file is damaged/);
    const { p, result } = await buildWith(broken);
    expect(errorsOf(result.issues)).toEqual([]);
    expect(result.ok).toBe(true);
    const warning = result.issues.find((i) => i.code === 'evidence-pdf-repaired')!;
    expect(warning).toMatchObject({ severity: 'warning', file: path.join(p.dir, 'evidence', 'plan.pdf') });
    expect(warning.message).toBe('佐证材料 E1（生态文明建设规划）的 PDF 结构有损坏（交叉引用表错误；qpdf：file is damaged），已用 qpdf 修复后编入汇编');
    const annex = result.manifest!.files.find((f) => f.role === 'annex')!;
    expect(annex.contents!.flatMap((c) => c.evidence.map((e) => e.id))).toContain('E1');
  });
});

function execQpdfCheck(bytes: Buffer): void {
  const file = path.join(projects[0]?.dir ?? '/tmp', `check-${process.pid}.pdf`);
  writeFileSync(file, bytes);
  try {
    // qpdf --check exits 0 with warnings on stderr for a file it reconstructs; make the warnings the result
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    if (/WARNING/.test(r.stderr)) throw new Error(r.stderr);
  } finally {
    rmSync(file, { force: true });
  }
}

describe.runIf(haveTools('qpdf'))('active content is taken off evidence pages, with a warning', () => {
  it('drops page JavaScript, a Launch action and an embedded file, keeps a web link', async () => {
    const { p, result } = await buildWith(CRAFTED_PDFS.activeContent());
    expect(result.ok).toBe(true);
    const warning = result.issues.find((i) => i.code === 'evidence-active-content')!;
    expect(warning).toMatchObject({ severity: 'warning', file: path.join(p.dir, 'evidence', 'plan.pdf') });
    expect(warning.message).toBe('佐证材料 E1（生态文明建设规划）的 PDF 页面中含有JavaScript 脚本 1 处、启动程序、提交表单等动作 1 处、嵌入的附件 1 个，编入汇编时已去除（页面上印出的内容不变）');
    const annexFile = path.join(result.bundleDir!, result.manifest!.files.find((f) => f.role === 'annex')!.path);
    // every object uncompressed and out of object streams, so a search sees them all
    const expanded = path.join(p.dir, 'expanded.pdf');
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', annexFile, expanded]);
    const text = readFileSync(expanded).toString('latin1');
    expect(text).toContain('/Annots');
    for (const active of ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/FileAttachment', 'calc.exe', 'app.alert']) expect(text, active).not.toContain(active);
    expect(text).toContain('/URI');
  });
});

const plainPng = (w: number, h: number) => pngOf(w, h, pngRows(w, h));

describe('pictures whose header lies about their size', () => {
  it('refuses a PNG that claims more pixels than its data holds', async () => {
    const lying = pngOf(4000, 3000, pngRows(40, 30));
    const { p, result } = await buildWith(lying, false, 'photo.png');
    expect(errorsOf(result.issues).map((e) => [e.code, e.file, e.message])).toEqual([[
      'evidence-image-corrupt', path.join(p.dir, 'evidence', 'photo.png'),
      `佐证材料 E1（生态文明建设规划）无法编入：PNG 图片已损坏或不完整，无法解码（文件头声明 4000×3000 像素，应有 36003000 字节像素数据，实际只有 3630 字节，与声明的尺寸不符）${STOPPED}`,
    ]]);
  });

  it('refuses a PNG whose data inflates past its size (a decompression bomb), reading it as a stream', async () => {
    const bomb = pngOf(100, 100, Buffer.alloc(200_000_000));
    expect(bomb.length).toBeLessThan(400_000);
    const before = process.memoryUsage().rss;
    const { result } = await buildWith(bomb, false, 'photo.png');
    expect(process.memoryUsage().rss - before).toBeLessThan(150e6);
    expect(errorsOf(result.issues).map((e) => e.message)).toEqual([
      `佐证材料 E1（生态文明建设规划）无法编入：PNG 图片已损坏或不完整，无法解码（文件头声明 100×100 像素，应有 30100 字节像素数据，实际多于 30100 字节，与声明的尺寸不符）${STOPPED}`,
    ]);
  });

  it('refuses a PNG with more pixels than a reader can show, before decoding it', async () => {
    // 12 000 × 12 000 grey-with-alpha: pdf-lib would decode it whole (hundreds of MB); the file is small
    const huge = pngOf(12_000, 12_000, Buffer.alloc(1), 4);
    const { result } = await buildWith(huge, false, 'photo.png');
    expect(errorsOf(result.issues).map((e) => [e.code, e.message])).toEqual([[
      'evidence-image-too-large', `佐证材料 E1（生态文明建设规划）无法编入：PNG 图片像素过多，阅读器无法显示（12000×12000 像素，上限为 40 百万像素）${STOPPED}`,
    ]]);
  });

  it('refuses a JPEG whose frame header claims far more pixels than its data', async () => {
    const jpeg = Buffer.from(readFileSync('fixtures/yanzhou-2023/evidence/区水务局/饮用水水源保护区标志.jpg'));
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0])) >= 0 ? jpeg.indexOf(Buffer.from([0xff, 0xc0])) : jpeg.indexOf(Buffer.from([0xff, 0xc2]));
    jpeg.writeUInt16BE(60000, sof + 5);
    jpeg.writeUInt16BE(60000, sof + 7);
    const { result } = await buildWith(jpeg, false, 'photo.jpg');
    const [error] = errorsOf(result.issues);
    expect(error!.code).toBe('evidence-image-corrupt');
    expect(error!.message).toMatch(/^佐证材料 E1（生态文明建设规划）无法编入：JPEG 图片已损坏或不完整，无法解码（文件头声明 60000×60000 像素，但只有 \d+ 字节的图像数据，与声明的尺寸不符），佐证材料汇编未生成$/);
  });

  it('still places an honest PNG', async () => {
    const { result } = await buildWith(plainPng(64, 48), false, 'photo.png');
    expect(errorsOf(result.issues)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('input files that would lose data silently', () => {
  it('an empty results.yaml is an error, not an empty list', async () => {
    const p = await project({ 'plan.pdf': TINY_PDF }, (f) => {
      f['results.yaml'] = '# 待填写\n';
    });
    const { code, stdout } = await run('validate', p.dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(p.dir, 'results.yaml')}: 错误: 文件 ${path.join(p.dir, 'results.yaml')} 是空的（只有空白或注释）`);
  });

  it('an evidence.yaml that cannot be read is an error, not a warning', async () => {
    const p = await project({ 'plan.pdf': TINY_PDF });
    rmSync(path.join(p.dir, 'evidence.yaml'));
    mkdirSync(path.join(p.dir, 'evidence.yaml'));
    const result = await buildBundle(p.dir, { outDir: path.join(p.dir, 'out') });
    expect(result.ok).toBe(false);
    expect(errorsOf(result.issues).map((e) => [e.code, e.file])).toEqual([['file-unreadable', path.join(p.dir, 'evidence.yaml')]]);
  });

  it('an 18-million-character description is refused where it is written, without drawing it', async () => {
    const p = await project({ 'plan.pdf': TINY_PDF }, (f) => {
      f['results.yaml'] = f['results.yaml']!.replace('description: 规划已印发实施', `description: "${'规划已印发实施。'.repeat(2_250_000)}"`);
    });
    const { code, stdout } = await run('build', p.dir, '--out', path.join(p.dir, 'out'));
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(p.dir, 'results.yaml')}:4:18: 错误: 这一段文字有 18000000 个字符，超过上限 20000（results.0.description）`);
    expect(readdirSync(p.dir)).not.toContain('out');
  }, 60_000);

  it('a YAML alias bomb is a located error, exit 1', async () => {
    const p = await project({ 'plan.pdf': TINY_PDF }, (f) => {
      const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let k = 1; k < 9; k++) levels.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9).fill(`*${String.fromCharCode(96 + k)}`).join(',')}]`);
      f['project.yaml'] = `${levels.join('\n')}\n${f['project.yaml']}`;
    });
    const { code, stdout } = await run('validate', p.dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(p.dir, 'project.yaml')}:1:4: 错误: YAML 文件超出安全限制：锚点（&）和别名（*）展开后的数据量过大，已拒绝读取`);
  });
});
