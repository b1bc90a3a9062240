import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { printedParagraphs, docxText } from '../../src/artifacts/response/index.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import { diffManifests, formatDiff } from '../../src/package/diff.ts';
import { run } from '../helpers/cli.ts';
import { copySample, copySampleWithUnbackedCorrection } from '../helpers/mini-project.ts';
import { bodyParagraphs, elements, openDocx, styleOf, tableRows, textOf } from '../documents/docx/docx-xml.ts';

const SAMPLE = 'fixtures/yanzhou-2023';
const BUNDLE = '兖州区-国家生态文明建设示范区申报材料';

let out: string;
let r1: BuildResult;
let r2: ReviseResult;
let r3: ReviseResult;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-rounds-'));
  r1 = await buildBundle(SAMPLE, { outDir: out });
  r2 = await reviseBundle(SAMPLE, { from: r1.zip!, outDir: out });
  r3 = await reviseBundle(SAMPLE, { from: r2.bundleDir!, outDir: out });
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const docxParagraphs = async (file: string) => {
  const parts = await openDocx(readFileSync(file));
  return { parts, paragraphs: bodyParagraphs(parts['word/document.xml']!).map((p) => ({ style: styleOf(p), text: textOf(p).replace(/\u200b/g, '') })) };
};

describe('round 1: a 省市级预审 by 山东省生态环境厅', () => {
  it('gives a response addressed as the 请示 is, titled for the stage, ending with 联系人 and 电话', async () => {
    expect(r2.ok).toBe(true);
    const { paragraphs } = await docxParagraphs(path.join(r2.bundleDir!, '补充材料说明.docx'));
    expect(paragraphs[0]).toEqual({ style: 'Title', text: '济宁市兖州区\n关于省市级预审意见的补充材料说明' });
    expect(paragraphs.find((p) => p.style === 'Recipient')!.text).toBe('山东省生态环境厅：');
    expect(paragraphs.at(-1)!.text).toBe('（联系人：张明；联系电话：0537-0000000）');
    const text = paragraphs.map((p) => p.text).join('\n');
    expect(text).not.toContain('生态环境部：');
  });

  it('says nothing of the sample’s dates, which follow its review (r1 7-6, round 1 7-12, r2 7-20, round 2 9-15, r3 9-28)', () => {
    expect(r1.manifest!.generatedAt).toBe('2023-07-06');
    expect(r2.manifest!.generatedAt).toBe('2023-07-20');
    expect(r3.manifest!.generatedAt).toBe('2023-09-28');
    for (const r of [r2, r3]) expect(r.issues.some((i) => i.code === 'feedback-round-before-revision')).toBe(false);
  });

  it('warns, at its date, about a round dated before the revision it reviews', async () => {
    const project = await copySample();
    try {
      const file = path.join(project.dir, 'project.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('generatedAt: 2023-07-06', 'generatedAt: 2023-07-14'));
      const own = path.join(project.dir, 'out');
      const first = await buildBundle(project.dir, { outDir: own });
      const second = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      const warning = second.issues.find((i) => i.code === 'feedback-round-before-revision')!;
      expect(warning).toMatchObject({ severity: 'warning', path: ['date'], line: 9 });
      expect(warning.file).toMatch(/feedback\/round-1\.yaml$/);
      expect(warning.message).toBe('第1轮审查意见的日期 2023年7月12日 早于它审查的第1版材料的日期 2023年7月14日：审查不会早于所审的材料');
      expect(warning.hint).toContain('project.yaml 的 generatedAt');
    } finally {
      await project.cleanup();
    }
  }, 120_000);

  it('addresses the response as the 请示 even when the reviewer is another office (recipient overrides)', async () => {
    const project = await copySample();
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-recipient-'));
    try {
      const file = path.join(project.dir, 'feedback', 'round-1.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('reviewer: 山东省生态环境厅', 'reviewer: 济宁市生态环境局'));
      const first = await buildBundle(project.dir, { outDir: own });
      const made = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      expect(made.ok).toBe(true);
      const { paragraphs } = await docxParagraphs(path.join(made.bundleDir!, '补充材料说明.docx'));
      expect(paragraphs.find((p) => p.style === 'Recipient')!.text).toBe('山东省生态环境厅：');
    } finally {
      await project.cleanup();
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('backs every claim with a change in changes.json, and says so on purpose where nothing changed', async () => {
    const changes = JSON.parse(readFileSync(path.join(r2.bundleDir!, 'changes.json'), 'utf8')) as { path: string; op: string }[];
    const op = new Map(changes.map((c) => [c.path, c.op]));
    const { paragraphs } = await docxParagraphs(path.join(r2.bundleDir!, '补充材料说明.docx'));
    const claims = paragraphs.filter((p) => p.text.startsWith('修改情况')).map((p) => p.text);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    for (const claim of claims) {
      const files = [...claim.matchAll(/原件为 (\S+?\.pdf)/g)].map((m) => m[1]!);
      for (const f of files) expect(op.get(f), claim).toBe('new');
      if (/编入(\S+\.pdf)/.test(claim)) expect(op.get(/编入(\S+\.pdf)/.exec(claim)![1]!), claim).toBe('replace');
      if (claim.includes('更正为') || claim.includes('申报报告.docx')) expect(op.get('申报报告.docx'), claim).toBe('replace');
      if (claim.includes('更正为')) expect(op.get('指标任务分解表.xlsx'), claim).toBe('replace');
    }
    expect(claims).toContain('修改情况1：补充《济宁市兖州区农村生活垃圾无害化处理情况核查报告》（区综合行政执法局，2023年7月18日），原件为 原始材料/28-农村生活垃圾无害化处理村占比/农村生活垃圾无害化处理情况核查报告.pdf，编入佐证材料汇编.pdf 第76-1页。');
    expect(claims).toContain('修改情况2：指标26的2022年数值由 46.3% 更正为 51.2%（按区住建局2022年度农村生活污水治理终核数据更正（示例）），申报报告表1、指标任务分解表和佐证材料汇编已相应更新。');
    expect(claims).toContain('修改情况：本条未修改申报材料。经核实数据无误，申报材料不作修改。');
    expect(claims.some((c) => c.startsWith('修改情况1：申报报告.docx“工作进度”部分增加以下文字：“（示例文字）创建工作分三个阶段推进'))).toBe(true);
  });

  it('names the annex as updated for a corrected value only when the round brings evidence for it, and warns otherwise', async () => {
    // the sample's R1-02 corrects indicator 26 with the final figures behind it: the annex is named, nothing is said
    expect(r2.issues.some((i) => i.code === 'feedback-value-without-evidence')).toBe(false);
    const { paragraphs } = await docxParagraphs(path.join(r2.bundleDir!, '补充材料说明.docx'));
    expect(paragraphs.map((p) => p.text)).toContain('修改情况2：指标26的2022年数值由 46.3% 更正为 51.2%（按区住建局2022年度农村生活污水治理终核数据更正（示例）），申报报告表1、指标任务分解表和佐证材料汇编已相应更新。');
    // a year that had no value is 补充, not 更正 from nothing
    expect(paragraphs.map((p) => p.text)).toContain('修改情况2：指标18的2020年数值补充为 12.6立方米/万元（按区统计局2020年核定数据补充（示例）），申报报告表1、指标任务分解表和佐证材料汇编已相应更新。');
    // without them, the annex still holds the old ledger: the annex is not named, and a warning says why
    const project = await copySampleWithUnbackedCorrection();
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-valueevidence-'));
    try {
      const first = await buildBundle(project.dir, { outDir: own });
      const made = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      expect(made.issues.filter((i) => i.severity === 'error')).toEqual([]);
      const warning = made.issues.find((i) => i.code === 'feedback-value-without-evidence')!;
      expect(warning).toMatchObject({ severity: 'warning', path: ['items', 1, 'response', 'values', 0], line: 32 });
      expect(warning.file).toMatch(/feedback\/round-1\.yaml$/);
      expect(warning.message).toContain('审查意见 R1-02 更正了指标26的2022年数值（46.3 → 51.2），但本轮没有新增或替换该指标的佐证材料');
      const unbacked = await docxParagraphs(path.join(made.bundleDir!, '补充材料说明.docx'));
      expect(unbacked.paragraphs.map((p) => p.text)).toContain('修改情况1：指标26的2022年数值由 46.3% 更正为 51.2%（按区住建局2022年度农村生活污水治理终核数据更正（示例）），申报报告表1和指标任务分解表已相应更新。');
      // 18 still has no base year here: r2 is not eligible, its reissued 请示 a draft, and the response never says it is submitted
      const said = unbacked.paragraphs.map((p) => p.text).join('\n');
      expect(said).toContain('因尚未达到申报条件，本版所附为请示草稿（拟用发文字号济兖政字〔2023〕21号，原济兖政字〔2023〕18号），列明尚未达到的条件，不提出申请');
      expect(said).not.toContain('已重新行文');
      expect(said).not.toContain('随本版申报材料报送');
    } finally {
      await project.cleanup();
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('the r2 report really contains every text an answer says it added', async () => {
    const report = await docxText(readFileSync(path.join(r2.bundleDir!, '申报报告.docx')));
    const before = await docxText(readFileSync(path.join(r1.bundleDir!, '申报报告.docx')));
    const round = readFileSync(path.join(SAMPLE, 'feedback', 'round-1.yaml'), 'utf8');
    const added = /add: >-\n((?: {12}.*\n)+)/.exec(round)![1]!.replace(/\n\s*/g, '');
    for (const p of printedParagraphs(added)) {
      expect(report).toContain(p);
      expect(before).not.toContain(p);
    }
  });

  it('refuses a response that claims a report change the report does not show', async () => {
    // a district template that names 工作进度 but never prints it: the answer's amendment cannot reach the report
    const project = await copySample();
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-unbacked-'));
    try {
      cpSync('templates', path.join(project.dir, 'my-templates'), { recursive: true });
      const template = path.join(project.dir, 'my-templates', 'report', 'report.md.hbs');
      writeFileSync(template, readFileSync(template, 'utf8').replace('{{narrative.工作进度}}', '{{#unless sample}}{{narrative.工作进度}}{{/unless}}'));
      const yaml = path.join(project.dir, 'project.yaml');
      writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}templates: my-templates\n`);
      const first = await buildBundle(project.dir, { outDir: own });
      expect(first.ok).toBe(true);
      const refused = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      expect(refused.ok).toBe(false);
      const error = refused.issues.find((i) => i.code === 'response-claim-unbacked')!;
      expect(error.message).toContain('审查意见 R1-03 的答复所述修改在第2版中找不到：申报报告.docx 的“工作进度”部分中没有“（示例文字）创建工作分三个阶段推进');
      expect(existsSync(path.join(own, `${BUNDLE}-r2`))).toBe(false);
    } finally {
      await project.cleanup();
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('an answer that changes nothing without saying so is an error naming the item', async () => {
    const project = await copySample();
    try {
      const file = path.join(project.dir, 'feedback', 'round-1.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/      noChange: .*\n/, ''));
      const refused = await reviseBundle(project.dir, { from: r1.zip!, outDir: path.join(project.dir, 'out') });
      expect(refused.ok).toBe(false);
      expect(refused.issues.find((i) => i.code === 'feedback-no-change')).toMatchObject({
        line: 56, message: expect.stringContaining('审查意见 R1-04 的答复没有写明任何修改'),
      });
    } finally {
      await project.cleanup();
    }
  });
});

describe('round 2: 现场核查 with 5 problems', () => {
  it('gives a 整改情况说明 whose table has a row per problem, each pointing to a file and an annex page of r3', async () => {
    expect(r3.ok).toBe(true);
    const { parts, paragraphs } = await docxParagraphs(path.join(r3.bundleDir!, '整改情况说明.docx'));
    expect(paragraphs[0]!.text).toBe('济宁市兖州区\n关于现场核查反馈问题的整改情况说明');
    expect(paragraphs.find((p) => p.style === 'Recipient')!.text).toBe('山东省生态环境厅：');
    expect(paragraphs.map((p) => p.text).join('')).toContain('评分95分，反馈问题5项');
    const rows = tableRows(elements(parts['word/document.xml']!, 'w:tbl')[0]!);
    expect(rows[0]).toEqual(['序号', '问题', '整改措施', '完成情况', '佐证材料']);
    const body = rows.slice(1);
    expect(body).toHaveLength(5);
    const annex = r3.manifest!.files.filter((f) => f.role === 'annex');
    body.forEach((row, k) => {
      expect(row[0]).toBe(String(k + 1));
      const [file, place] = row[4]!.split('\n');
      expect(existsSync(path.join(r3.bundleDir!, ...file!.split('/'))), file).toBe(true);
      expect(r3.manifest!.files.some((f) => f.path === file && f.role === 'evidence')).toBe(true);
      const m = /^(\S+\.pdf)\u3000第(\S+?)页$/.exec(place!)!;
      const volume = annex.find((f) => f.path === m[1])!;
      const printed = volume.contents!.flatMap((c) => c.evidence).map((e) => e.printed?.first ?? String(e.firstPage));
      expect(printed, place).toContain(m[2]);
    });
    // the earlier round's answer stays, unchanged
    expect(r3.manifest!.changes!.find((c) => c.path === '补充材料说明.docx')!.op).toBe('unchanged');
  });

  it('diff names evidence by title, shows inserted pages as such, and lists changes.json', () => {
    const d = diffManifests(r2.manifest!, r3.manifest!);
    expect(d.files.replace).toContain('changes.json');
    expect(d.files.new).toContain('整改情况说明.docx');
    const text = formatDiff(d);
    expect(text).toContain('E61-river-patrol《兖州区河长巡河记录整改台账》');
    expect(text).toMatch(/插页 佐证材料汇编\.pdf 第\d+-1页：E61-river-patrol《兖州区河长巡河记录整改台账》/);
    expect(text).toContain('重写  manifest.json、manifest-sha256.txt');
  });

  it('diff lists only the pages inserted between the two revisions compared', () => {
    // E50 was inserted in r2 and keeps its page 76-1 in r3: not new in r3
    const kept = r3.manifest!.files.flatMap((f) => (f.contents ?? []).flatMap((c) => c.evidence)).find((e) => e.id === 'E50-rural-waste-check')!;
    expect(kept.printed?.first).toMatch(/-1$/);
    const later = diffManifests(r2.manifest!, r3.manifest!);
    expect(later.inserted.map((i) => i.evidence)).not.toContain('E50-rural-waste-check');
    expect(formatDiff(later)).not.toContain('E50-rural-waste-check');
    // from r1, both rounds' pages are new
    const both = diffManifests(r1.manifest!, r3.manifest!).inserted.map((i) => i.evidence);
    expect(both).toContain('E50-rural-waste-check');
    expect(both).toContain('E61-river-patrol');
    // a revision that inserted nothing lists no 插页
    const none = diffManifests(r3.manifest!, r3.manifest!);
    expect(none.inserted).toEqual([]);
    expect(formatDiff(none)).not.toContain('插页');
  });
});

describe('the packages the office sends', () => {
  it('names the changes-only zip as partial, and --full-zip gives the plain name', async () => {
    expect(path.basename(r2.zip!)).toBe(`${BUNDLE}-r2-变更部分.zip`);
    expect(r2.zipContents).toBe('changes');
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fullname-'));
    try {
      cpSync(r1.bundleDir!, path.join(own, path.basename(r1.bundleDir!)), { recursive: true });
      cpSync(r1.zip!, path.join(own, path.basename(r1.zip!)));
      const full = await reviseBundle(SAMPLE, { from: path.join(own, path.basename(r1.zip!)), outDir: own, zipContents: 'complete' });
      expect(path.basename(full.zip!)).toBe(`${BUNDLE}-r2.zip`);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('revise --from a verified zip whose sibling folder was altered works from the zip and says so', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fromzip-'));
    try {
      const folder = path.join(own, path.basename(r1.bundleDir!));
      cpSync(r1.bundleDir!, folder, { recursive: true });
      cpSync(r1.zip!, path.join(own, path.basename(r1.zip!)));
      writeFileSync(path.join(folder, '申报报告.docx'), Buffer.concat([readFileSync(path.join(folder, '申报报告.docx')), Buffer.from('x')]));
      const zip = path.join(own, path.basename(r1.zip!));
      const made = await reviseBundle(SAMPLE, { from: zip, outDir: own });
      expect(made.ok).toBe(true);
      expect(made.previousSource).toBe(zip);
      expect(made.issues.find((i) => i.code === 'previous-folder-altered')!.message).toBe(
        `本次以 ${path.basename(zip)} 为准：旁边的同名文件夹与其清单不符（申报报告.docx），文件夹中的改动不会进入新版本；其中 申报报告.docx 被改动过（多半是在 Word/WPS 中手工修改），新版本的报告由项目数据重新生成，手工修改不会保留`,
      );
      // from the hand-edited folder itself: refused, saying exactly that and what to do
      const refused = await reviseBundle(SAMPLE, { from: folder, outDir: path.join(own, 'other') });
      expect(refused.ok).toBe(false);
      expect(refused.issues[0]!.message).toContain('上一版材料包中的 申报报告.docx 与其清单（manifest.json）不符：它在生成后被改动过（多半是在 Word/WPS 中手工修改）');
      expect(refused.issues[0]!.hint).toContain('narrative/基本情况.txt');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('a revise with no round to answer is made, with a warning that it answers none and writes no response', async () => {
    const project = await copySample();
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-noround-'));
    try {
      // an evidence file swapped, and no feedback/round-3.yaml for r4 to answer
      const evidence = path.join(project.dir, 'evidence');
      writeFileSync(path.join(evidence, '区统计局', '能源消费统计.pdf'), readFileSync(path.join(evidence, '区财政局', '政府绿色采购统计.pdf')));
      cpSync(r3.bundleDir!, path.join(own, path.basename(r3.bundleDir!)), { recursive: true });
      const made = await reviseBundle(project.dir, { from: path.join(own, path.basename(r3.bundleDir!)), outDir: own });
      expect(made.ok).toBe(true);
      expect(made.manifest!.answeredRounds).toEqual([1, 2]);
      const warning = made.issues.find((i) => i.code === 'revise-without-round')!;
      expect(warning).toMatchObject({ severity: 'warning', path: [] });
      expect(warning.file!.split(/[\\/]/).slice(-2).join('/')).toBe('feedback/round-3.yaml');
      expect(warning.message).toBe('第4版不答复任何一轮审查意见：没有 feedback/round-3.yaml，本版不生成答复审查意见的说明，上一版的 整改情况说明.docx、补充材料说明.docx 原样沿用');
      expect(warning.hint).toContain('写进 feedback/round-3.yaml');
      // a revision answering a round says nothing of the kind
      expect(r2.issues.some((i) => i.code === 'revise-without-round')).toBe(false);
      expect(r3.issues.some((i) => i.code === 'revise-without-round')).toBe(false);
    } finally {
      await project.cleanup();
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('a revise that changes nothing refuses with exit 1, unless forced', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-nochange-'));
    try {
      cpSync(r3.bundleDir!, path.join(own, path.basename(r3.bundleDir!)), { recursive: true });
      const from = path.join(own, path.basename(r3.bundleDir!));
      const cli = await run('revise', SAMPLE, '--from', from, '--out', own);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('错误: 第4版与第3版没有任何区别（除说明.txt 外每个文件都相同），未生成第4版');
      expect(existsSync(path.join(own, `${BUNDLE}-r4`))).toBe(false);
      const forced = await run('revise', SAMPLE, '--from', from, '--out', own, '--force');
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('第4版不答复任何一轮审查意见');
      expect(existsSync(path.join(own, `${BUNDLE}-r4`))).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});


