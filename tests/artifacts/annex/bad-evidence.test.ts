import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../src/model/issue.ts';
import type { EvidenceFile } from '../../../src/model/project-data.ts';
import { planAnnexVolumes, renderAnnex, renderAnnexVolume } from '../../../src/artifacts/annex/index.ts';
import { haveTools } from '../../helpers/tools.ts';
import { labelledPdf, miniProject, pageEdges, pageTexts, SAMPLE_EVIDENCE, tempDir, type EvidenceSpec } from './helpers.ts';

const JPEG = readFileSync(path.join(SAMPLE_EVIDENCE, '区水务局/河长公示牌.jpg'));
const PNG = readFileSync(path.join(SAMPLE_EVIDENCE, '区住建局/黑臭水体整治前后对比.png'));
const SAMPLE_PDF = readFileSync(path.join(SAMPLE_EVIDENCE, '区委办/区委常委会会议纪要（生态文明建设专题）.pdf'));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A mini project whose evidence E1 (indicator 1) is `bad`, E2 (indicator 3) a good PDF; renders it. */
async function renderWith(bad: EvidenceSpec, allowMissing: boolean, tweak?: (e: EvidenceFile) => void) {
  const good = await labelledPdf('GOOD EVIDENCE');
  const project = await miniProject([bad, { id: 'E2', file: 'good.pdf', bytes: good, indicators: [3] }]);
  cleanups.push(project.cleanup);
  const evidenceOf = (id: string) => project.input.data.evidence.find((e) => e.id === id)!;
  tweak?.(evidenceOf('E1'));
  const out = await tempDir();
  cleanups.push(out.cleanup);
  const outFile = path.join(out.dir, 'annex.pdf');
  writeFileSync(outFile, 'an annex from an earlier run');
  const [volume] = planAnnexVolumes(project.input, 0).volumes;
  const result = await renderAnnexVolume(project.input, volume!, { startPage: 1, outFile, allowMissing });
  return { result, outFile, evidence: evidenceOf('E1') };
}

function only(issues: readonly Issue[], code: string): Issue {
  const found = issues.filter((i) => i.code === code);
  expect(found, JSON.stringify(issues)).toHaveLength(1);
  return found[0]!;
}

const STOPPED = '，佐证材料汇编未生成';

describe.runIf(haveTools('qpdf', 'pdftotext'))('evidence the annex cannot read', () => {
  it('decrypts a permissions-only encrypted PDF with qpdf and places it (noted as info)', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    writeFileSync(path.join(dir, 'in.pdf'), await labelledPdf('OWNER PASSWORD ONLY'));
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'enc.pdf')]);
    const { result, outFile } = await renderWith({ id: 'E1', file: 'enc.pdf', bytes: readFileSync(path.join(dir, 'enc.pdf')), indicators: [1] }, false);
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(only(result.issues, 'evidence-decrypted').message).toBe('佐证材料 E1 的 PDF 设有权限限制（无打开密码），已用 qpdf 解除限制后编入汇编');
    expect(pageTexts(outFile).some((t) => t.includes('OWNERPASSWORDONLY'))).toBe(true);
  });

  it('refuses a PDF with an open password, names the file and writes nothing', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    writeFileSync(path.join(dir, 'in.pdf'), await labelledPdf('SECRET'));
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'enc.pdf')]);
    const { result, outFile, evidence } = await renderWith({ id: 'E1', file: 'enc.pdf', bytes: readFileSync(path.join(dir, 'enc.pdf')), indicators: [1] }, false);
    const issue = only(result.issues, 'evidence-encrypted');
    expect(issue).toMatchObject({
      severity: 'error',
      message: `佐证材料 E1（材料E1）无法编入：PDF 设有打开密码，无法读取${STOPPED}`,
      hint: '请出具单位提供未加密的 PDF，或输入密码后另存为未加密的 PDF 再替换',
    });
    expect(issue.file.endsWith('evidence/enc.pdf') || issue.file === evidence.absPath).toBe(true);
    expect(existsSync(outFile)).toBe(false);
    expect(result.pages).toBe(0);
  });

  it('refuses a truncated PDF', async () => {
    const { result, outFile } = await renderWith({ id: 'E1', file: 'cut.pdf', bytes: SAMPLE_PDF.subarray(0, Math.floor(SAMPLE_PDF.length * 0.6)), indicators: [1] }, false);
    const issue = only(result.issues, 'evidence-pdf-corrupt');
    expect(issue.message).toMatch(new RegExp(`^佐证材料 E1（材料E1）无法编入：PDF 文件已损坏或不完整（.+）${STOPPED}$`));
    expect(issue.hint).toBe('从原始来源重新导出或重新扫描该 PDF 后替换');
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses a PDF whose page content is missing', async () => {
    const broken = Buffer.from(SAMPLE_PDF.toString('latin1').replace(/\/Contents (\d+) 0 R/, '/Contents 9999 0 R'), 'latin1');
    const { result } = await renderWith({ id: 'E1', file: 'broken.pdf', bytes: broken, indicators: [1] }, false);
    expect(only(result.issues, 'evidence-pdf-corrupt').message).toBe(`佐证材料 E1（材料E1）无法编入：PDF 文件已损坏或不完整（第1页：页面内容流缺失或损坏）${STOPPED}`);
  });

  it('refuses a truncated JPEG and a corrupted PNG', async () => {
    const jpeg = await renderWith({ id: 'E1', file: 'cut.jpg', bytes: JPEG.subarray(0, JPEG.length >> 1), indicators: [1] }, false);
    expect(only(jpeg.result.issues, 'evidence-image-corrupt')).toMatchObject({
      message: `佐证材料 E1（材料E1）无法编入：JPEG 图片已损坏或不完整，无法解码（文件不完整（缺少结束标记，可能只传了一部分））${STOPPED}`,
      hint: '用原始照片替换，或在看图软件中另存为 JPEG/PNG 后替换',
    });
    const bad = Buffer.from(PNG);
    bad[300] = bad[300]! ^ 0x5a;
    const png = await renderWith({ id: 'E1', file: 'bad.png', bytes: bad, indicators: [1] }, false);
    expect(only(png.result.issues, 'evidence-image-corrupt').message).toBe(`佐证材料 E1（材料E1）无法编入：PNG 图片已损坏或不完整，无法解码（数据块 IDAT 校验和错误（文件已损坏））${STOPPED}`);
    expect(existsSync(png.outFile)).toBe(false);
  });

  it('refuses a file that became empty after loading (the loader refuses empty files itself)', async () => {
    const { result } = await renderWith({ id: 'E1', file: 'gone.pdf', bytes: await labelledPdf('X'), indicators: [1] }, false, (e) => writeFileSync(e.absPath, ''));
    expect(only(result.issues, 'evidence-empty')).toMatchObject({
      severity: 'error',
      message: `佐证材料 E1（材料E1）无法编入：文件是空的（0 字节）${STOPPED}`,
      hint: '重新导出或扫描该材料后替换文件',
    });
  });

  it('refuses a file that turned into another format (TIFF) after loading', async () => {
    const tiff = Buffer.concat([Buffer.from('II*\0', 'latin1'), Buffer.alloc(200)]);
    const { result } = await renderWith({ id: 'E1', file: 'scan.pdf', bytes: await labelledPdf('X'), indicators: [1] }, false, (e) => writeFileSync(e.absPath, tiff));
    expect(only(result.issues, 'evidence-unsupported')).toMatchObject({
      message: `佐证材料 E1（材料E1）无法编入：文件格式不受支持（文件实际是TIFF 图片）${STOPPED}`,
      hint: '佐证材料只接受 PDF、JPEG 和 PNG；请先转换为 PDF',
    });
  });

  it('with allowMissing puts a 材料无法读取 page in its place and reports a warning', async () => {
    const { result, outFile } = await renderWith({ id: 'E1', file: 'sub/cut.pdf', bytes: SAMPLE_PDF.subarray(0, 9000), indicators: [1] }, true);
    const issue = only(result.issues, 'evidence-pdf-corrupt');
    expect(issue.severity).toBe('warning');
    expect(issue.message).toMatch(/^佐证材料 E1（材料E1）无法编入：PDF 文件已损坏或不完整（.+），已在汇编中以“材料无法读取”说明页代替$/);
    expect(execFileSync('qpdf', ['--check', outFile]).toString()).toContain('No syntax or stream encoding errors');
    const texts = pageTexts(outFile);
    const item = result.indicators.find((i) => i.no === 1)!.evidence[0]!;
    expect(item.pages).toBe(1);
    const placeholder = texts[item.firstPage]!;
    expect(placeholder).toContain('材料无法读取');
    expect(placeholder).toContain('evidence/sub/cut.pdf');
    expect(placeholder).toContain('PDF文件已损坏或不完整');
    expect(placeholder).toContain('处理办法');
    expect(pageEdges(outFile)[item.firstPage]!.header).toBe('指标1生态文明建设规划第1页');
    // its divider says so too
    expect(texts[result.indicators.find((i) => i.no === 1)!.firstPage]).toContain('材料无法读取（PDF文件已损坏或不完整），汇编中以说明页代替');
  });

  it('reports every bad file of every volume in one run, and leaves no volume behind', async () => {
    const good = await labelledPdf('GOOD');
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: good, indicators: [1] },
      { id: 'E2', file: 'b.jpg', bytes: JPEG.subarray(0, 5000), indicators: [2] },
      { id: 'E3', file: 'c.pdf', bytes: SAMPLE_PDF.subarray(0, 8000), indicators: [3] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    // a limit so small that every indicator gets its own volume
    const result = await renderAnnex(project.input, { outDir: out.dir, maxVolumeMb: 0.001, allowMissing: false });
    expect(result.volumes).toEqual([]);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['evidence-image-corrupt', 'evidence-pdf-corrupt']);
    expect(execFileSync('ls', ['-A', out.dir]).toString()).toBe('');
  });
});
