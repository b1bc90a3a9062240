import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { findInText, officeText, officialTextIssues } from '../../src/artifacts/official-text/index.ts';
import type { ProjectData } from '../../src/model/index.ts';

/**
 * Nothing meant for the clerk in an official document: the checker itself, then every document of the
 * sample's r1–r3 and of two counties freshly started with init, read back as a reader reads them.
 */

describe('the official-text checker', () => {
  it('finds each kind of text that is not for the reader', () => {
    const kinds = (text: string) => findInText(text).map((f) => f.rule.id);
    expect(kinds('缺少上级规定的目标值（请在结果中填写 superiorTarget）')).toEqual(expect.arrayContaining(['clerk-hint', 'project-format']));
    expect(kinds('（请在结果中填写 status：已达到/推进中/未达到）')).toContain('clerk-hint');
    expect(kinds('申报第待填写：批次，如 第八批国家生态文明建设示范区')).toContain('placeholder');
    expect(kinds('约束性指标全部达标（申报条件按通行说法，尚未与管理规程原文核对）')).toContain('research-note');
    expect(kinds('输出目录：/work/out/兖州区-现场核查')).toContain('local-path');
    expect(kinds('输出目录：C:\\Users\\office\\out')).toContain('local-path');
    expect(kinds('佐证材料 E23-sign-photo 见第12页')).toContain('ascii-id');
    expect(kinds('牵头\u200b负责第1、5项指标')).toContain('zero-width');
    expect(kinds('牵头负责第1\u200b、5项指标')).toContain('zero-width');
    // the writer's own: a break after the 、 of a list of numbers, word joiners around a range's dash
    expect(kinds('牵头负责第1、\u200b5\u2060—\u20609项指标')).toEqual([]);
    expect(kinds('已完成整改。；责任单位')).toContain('doubled-punctuation');
    expect(kinds('增加以下文字：“7月25日前完成申报。”。')).toContain('doubled-punctuation');
    expect(kinds('增加以下文字：“7月25日前完成申报”。')).not.toContain('doubled-punctuation');
    expect(kinds('见 project.yaml 的 district.profile')).toEqual(expect.arrayContaining(['project-format']));
  });

  it('leaves the ordinary text of official documents alone', () => {
    const ordinary = [
      '依据 GB/T 9704-2012，济兖政字〔2023〕18号；ΔEQI≥-1；PM2.5浓度下降；意见编号 R1-01。',
      '申报文件（济宁市兖州区人民政府请示）内容随本版修改，已重新行文。',
      '妥否，请批示。联系人：张明，电话：0537-0000000；邮箱 yzhbstk@163.com。',
      '35项指标中，19项约束性指标达标18项，16项参考性指标达标12项，未达标2项，待补充3项。',
    ];
    for (const text of ordinary) expect(findInText(text)).toEqual([]);
  });

  it('names the field whose text carries what it finds', () => {
    const data = {
      dir: '/p', project: { programme: { batch: '待填写：批次，如 第八批' } }, evidence: [], results: [], narrative: {},
    } as unknown as ProjectData;
    const [issue] = officialTextIssues('申报报告.docx', '申报待填写：批次，如 第八批国家生态文明建设示范区', data);
    expect(issue).toMatchObject({ code: 'official-text-not-for-reader', severity: 'error', path: ['programme', 'batch'] });
    expect(issue!.file).toMatch(/project\.yaml$/);
    expect(issue!.message).toContain('申报报告.docx');
  });
});

/** The text of every document a reviewer reads in a bundle folder: .docx/.xlsx read back, PDFs through pdftotext. */
async function documentsOf(bundle: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of readdirSync(bundle)) {
    const file = path.join(bundle, name);
    if (/\.(docx|xlsx)$/.test(name)) texts.set(name, await officeText(readFileSync(file)));
    if (name.endsWith('.pdf')) texts.set(name, execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  }
  return texts;
}

function expectNothingForTheClerk(texts: Map<string, string>) {
  const found = [...texts].flatMap(([name, text]) => findInText(text).map((f) => `${name}: ${f.rule.id} “${f.found}” …${f.around}…`));
  expect(found).toEqual([]);
}

const SAMPLE = 'fixtures/yanzhou-2023';

describe.runIf(haveTools('pdftotext'))('the sample r1 → r2 → r3', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'eco-official-'));
  const bundles: Map<string, string>[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    expect((await run('build', SAMPLE, '--out', out)).code).toBe(0);
    for (const r of [1, 2]) {
      const from = path.join(out, `兖州区-国家生态文明建设示范区申报材料-r${r}`);
      const revised = await run('revise', SAMPLE, '--from', from, '--out', out);
      expect(revised.code, revised.stdout).toBe(0);
    }
    for (const r of [1, 2, 3]) {
      const dir = path.join(out, `兖州区-国家生态文明建设示范区申报材料-r${r}`);
      dirs.push(dir);
      bundles.push(await documentsOf(dir));
    }
  }, 900_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('carries no placeholder, hint, field name, research note, path, ASCII id, invisible character or doubled punctuation', () => {
    for (const texts of bundles) expectNothingForTheClerk(texts);
  });

  it('addresses the 请示, the report and the response documents to the province, never to 生态环境部 by default', () => {
    for (const texts of bundles) {
      for (const name of ['申报文件.docx', '申报报告.docx', '补充材料说明.docx', '整改情况说明.docx']) {
        const text = texts.get(name);
        if (!text) continue;
        expect(text.split('\n'), name).toContain('山东省生态环境厅：');
        expect(text, name).not.toContain('生态环境部：');
      }
    }
  });

  it('marks the 请示 a draft while not eligible, reissues it under a new number when it changes, and carries it byte for byte otherwise', () => {
    expect(bundles[0]!.get('申报文件.docx')).toContain('（草稿）');
    expect(bundles[0]!.get('申报文件.docx')).toContain('济兖政字〔2023〕18号');
    // round 1 brings 18's base year and 26's final figures: r2 meets the 申报条件, and its 请示 applies
    expect(bundles[1]!.get('申报文件.docx')).toContain('济兖政字〔2023〕21号');
    expect(bundles[1]!.get('申报文件.docx')).not.toContain('草稿');
    expect(bundles[1]!.get('申报文件.docx')).toContain('现申请第七批国家生态文明建设示范区');
    expect(bundles[1]!.get('补充材料说明.docx')).toContain('已重新行文：发文字号济兖政字〔2023〕21号（原济兖政字〔2023〕18号），成文日期2023年7月20日，随本版申报材料报送。');
    const bytes = (r: number) => readFileSync(path.join(dirs[r]!, '申报文件.docx'));
    expect(bytes(2).equals(bytes(1))).toBe(true);
    expect(bytes(1).equals(bytes(0))).toBe(false);
  });

  it('dates each revision by the round it answers: r3 (answering the 2023-09-15 现场核查) is dated 2023年9月28日', () => {
    const r3 = bundles[2]!;
    const report = r3.get('申报报告.docx')!;
    expect(report).toContain('2023年9月28日');
    expect(report).not.toContain('2023年7月20日\n');
    const covers = [...r3].filter(([name]) => name.endsWith('.pdf')).map(([, text]) => text.slice(0, 2000));
    expect(covers.length).toBeGreaterThan(0);
    for (const cover of covers) {
      expect(cover).toContain('2023年9月28日');
      expect(cover).not.toContain('2023年7月20日');
    }
    expect(bundles[1]!.get('申报报告.docx')).toContain('2023年7月20日');
  });
});

/** A county started with init and filled a little, as an office does before its first build. */
async function county(dir: string, args: string[], fill: Record<string, unknown>) {
  const init = await run('init', dir, '--catalog', '2021-county', ...args, '--json');
  expect(init.code, init.stdout).toBe(0);
  const file = path.join(dir, 'project.yaml');
  const project = parse(readFileSync(file, 'utf8'));
  const unfilled = JSON.parse((await run('build', dir, '--out', path.join(dir, 'out'), '--json')).stdout);
  Object.assign(project, fill);
  project.deadlines = project.deadlines.map((d: { name: string }) => ({ ...d, name: d.name.replace(/（日期待填写）/, '') }));
  writeFileSync(file, stringify(project));
  mkdirSync(path.join(dir, 'narrative'), { recursive: true });
  for (const part of ['基本情况', '创建工作开展情况', '工作进度', '存在问题及下一步工作']) {
    writeFileSync(path.join(dir, 'narrative', `${part}.txt`), `${part}：县委、县政府高度重视生态文明建设，各部门按分工推进。`);
  }
  const built = await run('build', dir, '--out', path.join(dir, 'out'), '--allow-missing', '--json');
  const result = JSON.parse(built.stdout);
  expect(result.ok, built.stdout).toBe(true);
  return { unfilled, bundle: result.bundleDir as string };
}

const people = (leader: string, deputy: string, office: string) => ({
  leadingGroup: {
    leader: { name: leader, post: '县委副书记、县长' },
    deputyLeaders: [{ name: deputy, post: '副县长' }],
    members: [{ name: '赵敏', post: '县水务局局长' }],
    office: { location: office, head: deputy },
  },
  contact: { office: `${office}生态科`, person: '王芳', phone: '0000-0000000' },
});

describe.runIf(haveTools('pdftotext'))('two counties started with init', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'eco-county-'));
  let yinan: Awaited<ReturnType<typeof county>>;
  let minqin: Awaited<ReturnType<typeof county>>;
  beforeAll(async () => {
    yinan = await county(path.join(root, 'yinan'), ['--district', '临沂市沂南县', '--terrain', '丘陵', '--code', '371321', '--year', '2026'], {
      programme: { title: '国家生态文明建设示范区', batch: '第八批', year: 2026, baselineYear: 2023, currentYear: 2025, basis: [] },
      ...people('张伟', '李强', '临沂市生态环境局沂南县分局'),
      application: { docNo: '沂南政字〔2026〕1号', signer: '张伟' },
    });
    minqin = await county(path.join(root, 'minqin'), ['--district', '武威市民勤县', '--terrain', '干旱半干旱', '--code', '620621', '--year', '2026'], {
      programme: { title: '国家生态文明建设示范区', batch: '第八批', year: 2026, baselineYear: 2023, currentYear: 2025, basis: [] },
      ...people('陈刚', '刘洋', '武威市生态环境局民勤分局'),
      application: { docNo: '民政字〔2026〕3号', signer: '陈刚' },
    });
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses to build while project.yaml still says 待填写, naming the field', () => {
    expect(yinan.unfilled.ok).toBe(false);
    const batch = yinan.unfilled.errors.find((e: { path: string[] }) => e.path.join('.') === 'programme.batch');
    expect(batch).toMatchObject({ code: 'placeholder-unfilled', severity: 'error' });
  });

  it('carries nothing meant for the clerk in any document', async () => {
    expectNothingForTheClerk(await documentsOf(yinan.bundle));
    expectNothingForTheClerk(await documentsOf(minqin.bundle));
  });

  it('speaks as a 县: 我县, 县有关部门（单位）, signed 沂南县人民政府, to its own province', async () => {
    for (const [bundle, government, province] of [[yinan.bundle, '沂南县人民政府', '山东省生态环境厅'], [minqin.bundle, '民勤县人民政府', '甘肃省生态环境厅']] as const) {
      const texts = await documentsOf(bundle);
      const report = texts.get('申报报告.docx')!;
      expect(report).toContain('我县涉及');
      expect(report).toContain('县有关部门（单位）主要负责同志');
      for (const [name, text] of texts) {
        expect(text, name).not.toMatch(/我区|本区|区有关部门|区人民政府/);
      }
      const request = texts.get('申报文件.docx')!;
      expect(request.split('\n')).toContain(government);
      expect(request.split('\n')).toContain(`${province}：`);
      expect(report.split('\n')).toContain(`${province}：`);
      expect(request).toContain('（草稿）');
    }
  });
});
