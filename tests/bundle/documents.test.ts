import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { buildBundle } from '../../src/bundle/build.ts';
import { Manifest } from '../../src/model/manifest.ts';
import { haveTools } from '../helpers/tools.ts';
import { readXlsx } from '../helpers/xlsx-xml.ts';

/**
 * The sample bundle read as a strict reviewer and a Windows user meet it: no text cut with “…” in any
 * artifact, every item findable from 材料清单, the verdicts that need attention marked, and a Windows
 * integrity check that needs no install.
 */

let out: string;
let dir: string;
let manifest: Manifest;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-documents-'));
  const built = await buildBundle('fixtures/yanzhou-2023', { outDir: out });
  expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
  dir = built.bundleDir!;
  manifest = Manifest.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (rel: string) => path.join(dir, ...rel.split('/'));

/** Every text a reader of the file sees (XML text of Office files, extracted text of PDFs, text files as they are). */
async function textsOf(rel: string): Promise<string> {
  const bytes = readFileSync(file(rel));
  if (/\.(docx|xlsx)$/.test(rel)) {
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.xml')).map((n) => zip.file(n)!.async('string')));
    return parts.map((xml) => [...xml.matchAll(/<(?:w:t|t|w:instrText)(?:\s[^>]*)?>([^<]*)</g)].map((m) => m[1]).join('\n')).join('\n');
  }
  if (rel.endsWith('.pdf')) return execFileSync('pdftotext', ['-enc', 'UTF-8', file(rel), '-']).toString('utf8');
  return bytes.toString('utf8');
}

describe.runIf(haveTools('pdftotext'))('nothing cut', () => {
  it('no artifact of the bundle has “…” in any text: documents, tables, annex, manifest, 说明.txt, scripts', async () => {
    const ours = [...manifest.files.filter((f) => f.role !== 'evidence').map((f) => f.path), 'manifest.json', 'manifest-sha256.txt'];
    expect(ours).toEqual(expect.arrayContaining(['申报文件.docx', '申报报告.docx', '指标任务分解表.xlsx', '佐证材料汇编.pdf', '说明.txt', '完整性校验.ps1']));
    for (const rel of ours) {
      const text = await textsOf(rel);
      expect(text.length, rel).toBeGreaterThan(100);
      const at = text.indexOf('…');
      expect(at === -1 ? '' : `${rel}: ${text.slice(Math.max(0, at - 30), at + 5)}`).toBe('');
    }
  });

  it('keeps a long 现状值 whole in manifest.json, or the short form the office wrote', () => {
    const current = (no: number) => manifest.indicators.find((i) => i.no === no)!.current;
    expect(current(1)).toBe('已制定实施（规划已印发，按年度分解实施）');
    expect(current(2)).toBe('已有效开展（区委常委会、区政府常务会议每年专题研究生态文明建设重大目标任务，并印发年度工作要点。）');
  });
});

describe('every file findable: 材料清单', () => {
  it('gives each item its path inside the bundle and its annex page, as manifest.json records them', async () => {
    const book = await readXlsx(readFileSync(file('指标任务分解表.xlsx')));
    const sheet = book.sheet('材料清单');
    const header = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => sheet.text(`${c}2`));
    expect(header).toEqual(['序号', '指标序号', '指标名称', '材料名称', '出具单位', '日期', '文号', '材料包中的位置', '汇编页码']);
    const originals = new Map(manifest.files.filter((f) => f.role === 'evidence').map((f) => [f.path, f.evidence![0]!]));
    const annex = manifest.files.find((f) => f.role === 'annex')!;
    let checked = 0;
    for (let row = 3; sheet.cells.has(`A${row}`) || sheet.cells.has(`B${row}`); row++) {
      const where = sheet.text(`H${row}`);
      if (!where) continue;
      expect(where, `H${row}`).toMatch(/^原始材料\/\d{2}-/);
      const id = originals.get(where);
      expect(id, `${where} 不在材料包中`).toBeDefined();
      const indicator = Number(sheet.text(`B${row}`) || sheet.text(`B${row - 1}`));
      const placed = annex.contents!.flatMap((c) => c.evidence.map((e) => ({ ...e, indicator: c.indicator }))).filter((e) => e.id === id);
      const page = (placed.find((e) => e.indicator === indicator) ?? placed[0])!.firstPage;
      expect(sheet.text(`I${row}`), `I${row}`).toBe(`第${page}页`);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(49);
  });
});

describe('marked verdicts in the xlsx', () => {
  it('fills and bolds 未达标 (red) and 待补充 (orange) in 达标情况, as the report sets them apart', async () => {
    const book = await readXlsx(readFileSync(file('指标任务分解表.xlsx')));
    const sheet = book.sheet('指标任务分解表');
    const column = [...sheet.cells.values()].find((c) => c.value === '达标情况')!.ref.replace(/\d+$/, '');
    const verdictCells = [...sheet.cells.values()].filter((c) => c.ref.replace(/\d+$/, '') === column && /^(达标|未达标|待补充)$/.test(String(c.value)));
    const styleOf = (v: string) => verdictCells.filter((c) => c.value === v).map((c) => book.styles[c.style]!);
    expect(styleOf('未达标')).toHaveLength(2);
    expect(styleOf('待补充')).toHaveLength(3);
    for (const s of styleOf('未达标')) expect(s).toMatchObject({ fill: 'FFFFC7CE', font: { bold: true } });
    for (const s of styleOf('待补充')) expect(s).toMatchObject({ fill: 'FFFFE0B2', font: { bold: true } });
    for (const s of styleOf('达标')) expect(s.fill).toBeUndefined();
  });
});

describe('the Windows check (完整性校验.bat and .ps1)', () => {
  const ps1 = () => readFileSync(file('完整性校验.ps1'));
  const bat = () => readFileSync(file('完整性校验.bat'));

  it('writes the script UTF-8 with a BOM (Windows PowerShell 5.1 reads Chinese only so) and both with CRLF line ends', () => {
    expect([...ps1().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const bytes of [ps1(), bat()]) {
      const text = bytes.toString('utf8');
      expect(text.split('\r\n').length).toBeGreaterThan(5);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('has a .bat in plain ASCII that switches the console to UTF-8 and runs the script of its own name', () => {
    const text = bat().toString('utf8');
    expect([...bat()].every((b) => b < 0x80)).toBe(true);
    expect(text).toContain('chcp 65001 >nul\r\n');
    expect(text).toContain('powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dpn0.ps1"\r\n');
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['完整性校验.bat', '完整性校验.ps1']));
  });

  it('is a PowerShell script a PowerShell grammar parses without an error (and the parser does reject a broken one)', async () => {
    await Parser.init();
    const parser = new Parser();
    parser.setLanguage(await Language.load('node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
    expect(parser.parse(ps1().toString('utf8').replace(/^\uFEFF/, ''))!.rootNode.hasError).toBe(false);
    expect(parser.parse('if ($a { }\r\n$x = @(1,\r\n')!.rootNode.hasError).toBe(true);
  });

  it('hashes with SHA-256 every line of manifest-sha256.txt: its line pattern reads every line, naming every file of the bundle', () => {
    const script = ps1().toString('utf8');
    expect(script).toContain('Get-FileHash -Algorithm SHA256 -LiteralPath $path');
    expect(script).toContain("$list = Join-Path $root 'manifest-sha256.txt'");
    expect(script).toContain('[System.IO.File]::ReadAllLines($list, [System.Text.Encoding]::UTF8)');
    const pattern = /\$line -match '([^']+)'/.exec(script)![1]!;
    const lines = readFileSync(file('manifest-sha256.txt'), 'utf8').split('\n').filter(Boolean);
    const named = lines.map((line) => {
      const m = new RegExp(pattern).exec(line);
      expect(m, line).not.toBeNull();
      return m![2]!;
    });
    const everyFile = [...manifest.files.map((f) => f.path), 'manifest.json'].sort();
    expect([...named].sort()).toEqual(everyFile);
    // Chinese names, nested folders
    expect(named.some((n) => /^原始材料\/\d{2}-[^/]+\/.+/.test(n))).toBe(true);
    expect(script).toContain("$path = Join-Path $root ($name -replace '/', '\\')");
    expect(script).toContain('Write-Host "完整：$count 个文件与 manifest-sha256.txt 一致。"');
    expect(script).toContain('$problems.Add("已改动（校验值不符）：$name")');
    expect(script).toContain('$problems.Add("缺少：$name")');
  });

  // Debian has no PowerShell package: this runs only where `pwsh` is installed
  const pwsh = spawnSync('sh', ['-c', 'command -v pwsh'], { stdio: 'ignore' }).status === 0;
  if (!pwsh) console.warn('\n⚠ 跳过：本机没有 pwsh（Debian 不提供 PowerShell），完整性校验.ps1 只做了语法和文本检查，未实际运行\n');
  it.runIf(pwsh)('passes on an intact bundle and names the altered file on a changed one (pwsh)', () => {
    const copy = path.join(out, 'copy');
    cpSync(dir, copy, { recursive: true });
    const run = () => spawnSync('pwsh', ['-NoProfile', '-File', path.join(copy, '完整性校验.ps1')], { encoding: 'utf8' });
    const intact = run();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('完整：');
    appendFileSync(path.join(copy, '原始材料', '01-生态文明建设规划', '济宁市兖州区生态文明建设规划（2021—2035年）.pdf'), 'x');
    const changed = run();
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('已改动（校验值不符）：原始材料/01-生态文明建设规划/济宁市兖州区生态文明建设规划（2021—2035年）.pdf');
  });
});
