import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnnex, type AnnexVolumeResult } from '../../../src/artifacts/annex/index.ts';
import type { RenderInput } from '../../../src/artifacts/render-input.ts';
import { haveTools } from '../../helpers/tools.ts';
import { catalogOf, layoutText, pageEdges, pageTexts, sampleInput, tempDir } from './helpers.ts';

/**
 * The sample project's annex read back with independent tools: qpdf, pdffonts, pdftotext page by page.
 * The contents' page numbers are checked against where each indicator and item really lands.
 */
describe.runIf(haveTools('qpdf', 'pdftotext', 'pdffonts'))('the sample annex', () => {
  let input: RenderInput;
  let volume: AnnexVolumeResult;
  let pages: string[];
  let footers: string[];
  let headers: string[];
  let out: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    out = await tempDir();
    input = await sampleInput();
    const result = await renderAnnex(input, { outDir: out.dir, maxVolumeMb: 0, allowMissing: false });
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(result.volumes).toHaveLength(1);
    volume = result.volumes[0]!;
    pages = pageTexts(volume.file);
    const edges = pageEdges(volume.file);
    footers = edges.map((e) => e.footer);
    headers = edges.map((e) => e.header);
  });
  afterAll(() => out?.cleanup());

  it('is a valid PDF with every font embedded as a subset', () => {
    const check = spawnSync('qpdf', ['--check', volume.file]);
    expect(check.status, check.stdout.toString()).toBe(0);
    const fonts = execFileSync('pdffonts', [volume.file]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const row of fonts) expect(row, row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(fonts.some((r) => r.startsWith('AAAAAB+NotoSerifSC-Regular'))).toBe(true);
    expect(fonts.some((r) => r.startsWith('AAAAAC+NotoSansSC-Bold'))).toBe(true);
  });

  it('has a cover with title, district, programme, date, revision and the 示例数据 mark', () => {
    expect(pages.length).toBe(volume.pages);
    const cover = pages[0]!;
    for (const text of ['示例数据', '济宁市兖州区国家生态文明建设示范区创建佐证材料汇编', '第七批', '济宁市兖州区人民政府', '2023年7月6日', '第1版', `第1—${volume.lastPage}页`]) {
      expect(cover).toContain(text);
    }
    expect(footers[0]).toBe('第1版'); // the cover has no page number
  });

  it('stamps — N — on every page after the cover, continuously', () => {
    footers.slice(1).forEach((footer, i) => expect(footer).toBe(`—${i + 1}—`));
    expect(volume).toMatchObject({ firstPage: 1, lastPage: volume.pages - 1 });
  });

  it('lists in its contents the page where every indicator and every evidence item really is', () => {
    const firstDivider = volume.indicators[0]!.firstPage;
    const toc = layoutText(volume.file, 2, firstDivider); // pdftotext counts the cover as page 1
    type Entry = { kind: 'indicator' | 'item'; no: number; index: number; page: number };
    const entries: Entry[] = [];
    let buffer = '';
    let indicator = 0;
    for (const raw of toc.split('\n')) {
      const line = raw.trim();
      if (!line || /^—\s*\d+\s*—$/.test(line) || line === '目 录' || line === '目　录') continue;
      buffer = buffer ? `${buffer}${line}` : line;
      const m = /^(.*?)\s{2,}(\d+)$/.exec(buffer);
      if (!m) continue;
      const [, text, page] = m;
      const ind = /^指标(\d+)/.exec(text!);
      const item = /^(\d+)\.\s*/.exec(text!);
      if (ind) entries.push({ kind: 'indicator', no: (indicator = Number(ind[1])), index: 0, page: Number(page) });
      else if (item) entries.push({ kind: 'item', no: indicator, index: Number(item[1]), page: Number(page) });
      buffer = '';
    }
    const indicators = entries.filter((e) => e.kind === 'indicator');
    expect(indicators.map((e) => e.no)).toEqual(input.data.indicators.map((i) => i.no));
    const evidenceCount = input.data.indicators.reduce((n, i) => n + input.data.evidence.filter((e) => e.indicators.includes(i.no)).length, 0);
    expect(entries.filter((e) => e.kind === 'item')).toHaveLength(evidenceCount);
    const names = new Map(input.data.indicators.map((i) => [i.no, i.name]));
    for (const entry of entries) {
      const text = pages[entry.page]!; // index = printed number (the cover is index 0)
      expect(footers[entry.page]).toBe(`—${entry.page}—`);
      if (entry.kind === 'indicator') {
        expect(text, `divider of 指标${entry.no}`).toContain(`指标${entry.no}${names.get(entry.no)}`);
        expect(text).toContain('达标情况');
      } else {
        const items = input.data.evidence.filter((e) => e.indicators.includes(entry.no));
        const evidence = items[entry.index - 1]!;
        const api = volume.indicators.find((i) => i.no === entry.no)!.evidence.find((e) => e.id === evidence.id)!;
        expect(api.firstPage).toBe(entry.page);
        const rel = 1 + volume.indicators.find((i) => i.no === entry.no)!.evidence.slice(0, entry.index - 1).reduce((n, e) => n + e.pages, 0);
        expect(headers[entry.page], `item ${evidence.id}`).toBe(`指标${entry.no}${names.get(entry.no)}第${rel}页`);
        if (evidence.type !== 'pdf') expect(text).toContain(evidence.title.replace(/\s+/g, ''));
        else {
          const source = execFileSync('pdftotext', ['-l', '1', evidence.absPath, '-']).toString().replace(/\s+/g, '');
          expect(text).toContain(source.slice(0, 12));
        }
      }
    }
  });

  it('stamps every evidence page with its indicator and its page within the section, counted from 1', () => {
    const names = new Map(input.data.indicators.map((i) => [i.no, i.name]));
    for (const ind of volume.indicators) {
      if (ind.evidence.length === 0) continue;
      const first = ind.evidence[0]!.firstPage;
      for (let page = first, k = 1; page <= ind.lastPage; page++, k++) {
        expect(headers[page], `page ${page}`).toBe(`指标${ind.no}${names.get(ind.no)}第${k}页`);
      }
      // the divider pages before it carry no such header
      expect(headers[ind.firstPage]).not.toMatch(/第\d+页$/);
    }
  });

  it('has a bookmark tree 目录 → 领域 → 指标 → 佐证材料 with readable Chinese titles, and page labels', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', volume.file]).toString());
    type Node = { title: string; destpageposfrom1: number; kids: Node[] };
    const outlines = json.outlines as Node[];
    expect(outlines.map((o) => o.title)).toEqual(['目录', '生态制度', '生态安全', '生态空间', '生态经济', '生态生活', '生态文化']);
    const first = outlines[1]!.kids[0]!;
    expect(first.title).toBe('指标1 生态文明建设规划');
    expect(first.destpageposfrom1 - 1).toBe(volume.indicators[0]!.firstPage);
    expect(first.kids[0]!.title).toBe('1. 济宁市兖州区人民政府关于印发济宁市兖州区生态文明建设规划（2021—2035年）的通知');
    expect(outlines.flatMap((d) => d.kids).length).toBe(35);
    expect(execFileSync('qpdf', ['--show-object=trailer', volume.file]).toString()).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
    expect(json.pagelabels).toEqual([
      { index: 0, label: { '/P': 'u:封面', '/St': 1 } },
      { index: 1, label: { '/S': '/D', '/St': 1 } },
    ]);
    const info = execFileSync('pdfinfo', [volume.file]).toString();
    expect(info).toMatch(/Producer:\s+eco-dossier \d+\.\d+\.\d+/);
    expect(info).toMatch(/CreationDate:\s+Thu Jul\s+6 00:00:00 2023 UTC/);
    const catalog = catalogOf(volume.file);
    expect(catalog).toContain('/PageMode /UseOutlines');
    expect(catalog).toMatch(/\/Outlines \d+ 0 R/);
    expect(catalog).toMatch(/\/PageLabels \d+ 0 R/);
  });
});
