import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { renderTaskTable } from '../../../src/artifacts/task-table/index.ts';
import type { RenderInput } from '../../../src/artifacts/render-input.ts';
import { cellsOf, letter, readXlsx, type XlsxBook, type XlsxSheet } from '../../helpers/xlsx-xml.ts';
import { SEED_ROWS, squeeze, tokens } from './seed-table.ts';

const TITLE = '济宁市兖州区创建国家生态文明建设示范区指标任务分解表';
const HEADERS = ['领域', '任务', '序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '备注'];
const FIRST = 3; // first body row: title in 1, header in 2

let input: RenderInput;
let bytes: Buffer;
let book: XlsxBook;
let main: XlsxSheet;

beforeAll(async () => {
  const checked = await checkProject('fixtures/yanzhou-2023');
  expect(checked.data, JSON.stringify(checked.issues)).toBeDefined();
  input = { data: checked.data!, verdicts: checked.verdicts, revision: 1 };
  bytes = await renderTaskTable(input, { withStatus: false });
  book = await readXlsx(bytes);
  main = book.sheet('指标任务分解表');
});

const lines = (text: string) => text.split('\n');
const rowOf = (no: number) => FIRST + SEED_ROWS.findIndex((r) => r.no === no);

describe('task table (指标任务分解表) read back from the sheet XML', () => {
  it('has the three sheets, the title and the header of 附件1', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['指标任务分解表', '责任单位汇总', '材料清单']);
    expect(main.text('A1')).toBe(TITLE);
    expect(HEADERS.map((_, i) => main.text(`${letter(i + 1)}2`))).toEqual(HEADERS);
  });

  it('has the 35 rows of the seed in its order, cell by cell', () => {
    expect(SEED_ROWS).toHaveLength(35);
    const actual = SEED_ROWS.map((_, k) => {
      const r = FIRST + k;
      return {
        no: Number(main.text(`C${r}`)),
        name: lines(main.text(`D${r}`))[0],
        unit: tokens(main.text(`E${r}`)),
        target: tokens(main.text(`F${r}`)),
        attribute: main.text(`G${r}`),
        units: squeeze(main.text(`H${r}`)),
      };
    });
    const expected = SEED_ROWS.map((s) => ({
      no: s.no, name: s.name, unit: tokens(s.unit), target: tokens(s.target), attribute: s.attribute, units: squeeze(s.units),
    }));
    expect(actual).toEqual(expected);
    expect(main.text(`C${FIRST + 35}`)).toBe('');
  });

  it('writes sub-indicators as lines, with their units and targets on the same lines', () => {
    expect(lines(main.text(`D${rowOf(11)}`))).toEqual(['生物多样性保护', '①国家重点保护野生动植物保护率', '②外来物种入侵', '③特有性或指示性水生物种保持率']);
    expect(lines(main.text(`E${rowOf(11)}`))).toEqual(['', '%', '-', '%']);
    expect(lines(main.text(`F${rowOf(11)}`))).toEqual(['', '≥95', '不明显', '不降低']);
    expect(lines(main.text(`D${rowOf(7)}`))).toEqual(['环境空气质量', '①优良天数比例', '②PM2.5浓度下降幅度']);
    expect(main.text(`F${rowOf(7)}`)).toBe('完成上级规定的改善目标；保持稳定或持续改善');
    expect(lines(main.text(`F${rowOf(10)}`))).toEqual(['', '≥18']);
    expect(lines(main.text(`F${rowOf(22)}`))).toEqual(['', '≥2', '保持稳定或持续改善']);
    expect(lines(main.text(`D${rowOf(22)}`))).toEqual(['一般工业固体废物综合利用率提高幅度', '①综合利用率≤60%的地区', '②综合利用率＞60%的地区']);
  });

  it('writes 领域 one character per line and 任务 as （一） + newline + name', () => {
    expect(main.text('A3')).toBe('生\n态\n制\n度');
    expect(main.text('B3')).toBe('（一）\n目标责任体系与制度建设');
    expect(main.text(`B${rowOf(30)}`)).toBe('（九）\n生活方式绿色化');
  });

  it('merges 领域 over its indicators (6 groups) and 任务 over theirs (10 groups)', () => {
    const column = (col: string) => main.merges.filter((m) => m.startsWith(col) && !/^[A-Z]+1:/.test(m)).sort((a, b) => Number(a.slice(1).split(':')[0]) - Number(b.slice(1).split(':')[0]));
    expect(main.merges).toContain('A1:I1');
    const taskRanges = ['3:8', '9:10', '11:13', '14:16', '17:18', '19:22', '23:24', '25:31', '32:34', '35:37'];
    expect(column('B')).toEqual(taskRanges.map((r) => `B${r.split(':')[0]}:B${r.split(':')[1]}`));
    // a 领域 spanning a printed page break is cut there, each part repeating the name: the parts of a
    // domain together cover exactly its rows, and every cut is one of the sheet's page breaks
    const domains = new Map<string, number[]>();
    SEED_ROWS.forEach((s, k) => domains.set(s.domain, [...(domains.get(s.domain) ?? []), FIRST + k]));
    expect(domains.size).toBe(6);
    const parts = column('A').map((m) => cellsOf(m).map((ref) => Number(ref.slice(1))));
    for (const [domain, rows] of domains) {
      const own = parts.filter((p) => rows.includes(p[0]!));
      expect(own.flat(), domain).toEqual(rows);
      for (const p of own) expect(main.text(`A${p[0]}`)).toBe([...domain].join('\n'));
      for (const p of own.slice(0, -1)) expect(main.rowBreaks).toContain(p[p.length - 1]);
    }
    // page breaks never cut a task
    for (const brk of main.rowBreaks) expect(taskRanges.some((r) => brk >= Number(r.split(':')[0]) && brk < Number(r.split(':')[1]))).toBe(false);
  });

  it('joins responsible units with 、 and adds the unitsNote in （）', () => {
    expect(squeeze(main.text(`H${rowOf(24)}`))).toBe('区卫健局、市生态环境局兖州区分局、区水务局');
    expect(squeeze(main.text(`H${rowOf(34)}`))).toBe('市生态环境局兖州区分局（问卷调查、独立机构抽样调查等方式）');
    // breaks only after 、: no line starts with it
    for (let r = FIRST; r < FIRST + 35; r++) for (const line of lines(main.text(`H${r}`))) expect(line.startsWith('、')).toBe(false);
  });

  it('styles every cell: borders (merged cells too), wrapped text, fonts', () => {
    const style = (ref: string) => book.styles[main.cells.get(ref)?.style ?? -1];
    for (const ref of cellsOf(`A2:I${FIRST + 34}`)) {
      const s = style(ref);
      expect(s, ref).toBeDefined();
      expect(s!.border, ref).toEqual({ left: 'thin', right: 'thin', top: 'thin', bottom: 'thin' });
      expect(s!.wrapText, ref).toBe(true);
    }
    expect(style('A1')!.font).toEqual({ name: '方正小标宋简体', size: 18, bold: true });
    expect(style('D2')!.font.name).toBe('黑体');
    expect(style('D3')!.font.name).toBe('仿宋_GB2312');
    expect(style('A3')!.vertical).toBe('center'); // exceljs 'middle'
  });

  it('sets column widths and row heights that fit the content', () => {
    const widths = [...main.xml.matchAll(/<col\b[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(9);
    for (const w of widths) expect(w).toBeGreaterThan(4);
    for (let r = 1; r < FIRST + 35; r++) {
      const height = main.rowHeights.get(r);
      expect(height, `row ${r}`).toBeDefined();
      const most = Math.max(...HEADERS.map((_, c) => {
        const ref = `${letter(c + 1)}${r}`;
        return main.merges.some((m) => m.startsWith(ref + ':')) ? 1 : lines(main.text(ref)).length;
      }));
      expect(height!, `row ${r}`).toBeGreaterThanOrEqual(most * 11 * 1.3);
    }
    // a merged 领域 cell is tall enough for its four lines
    const domainPart = main.merges.find((m) => m.startsWith('A3:'))!;
    const rows = cellsOf(domainPart).map((ref) => Number(ref.slice(1)));
    expect(rows.reduce((sum, r) => sum + main.rowHeights.get(r)!, 0)).toBeGreaterThanOrEqual(4 * 11 * 1.3);
  });

  it('prints A4 landscape, one page wide, header repeated, page numbers, panes frozen', () => {
    expect(main.xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const setup = /<pageSetup\b[^>]*>/.exec(main.xml)![0];
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"');
    expect(book.definedNames).toContainEqual({ name: '_xlnm.Print_Titles', localSheetId: 0, value: "'指标任务分解表'!$2:$2" });
    expect(main.xml).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
    expect(main.xml).toMatch(/<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"\/>/);
    expect(main.xml).toContain('<oddHeader>&amp;R示例数据</oddHeader>');
  });

  it('sets the default font to 宋体 11 so widths mean the same in Excel, WPS and LibreOffice', () => {
    expect(book.styles.length).toBeGreaterThan(0);
    expect(/<fonts\b[^>]*><font>([\s\S]*?)<\/font>/.exec(book.stylesXml)![1]).toContain('<name val="宋体"/>');
  });

  it('adds 现状值, 达标情况 and 佐证材料 from the verdicts with --with-status', async () => {
    const withStatus = await readXlsx(await renderTaskTable(input, { withStatus: true }));
    const sheet = withStatus.sheet('指标任务分解表');
    const headers = Array.from({ length: 12 }, (_, i) => sheet.text(`${letter(i + 1)}2`));
    expect(headers).toEqual(['领域', '任务', '序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '现状值', '达标情况', '佐证材料', '备注']);
    const row = (no: number) => ({ current: sheet.text(`I${rowOf(no)}`), verdict: sheet.text(`J${rowOf(no)}`), evidence: sheet.cells.get(`K${rowOf(no)}`)?.value });
    expect(row(3)).toEqual({ current: '22%', verdict: '达标', evidence: 1 });
    expect(row(26)).toEqual({ current: '46.3%', verdict: '未达标', evidence: 1 });
    expect(row(28)).toMatchObject({ verdict: '待补充', evidence: 0 });
    // sub-indicator values beside their lines
    // 7②: the sample enters PM2.5 levels; the decline against the superior's base year is computed
    // the column wraps the long line at a word, never inside the number; the other columns stay aligned with it
    const current7 = lines(sheet.text(`I${rowOf(7)}`));
    expect(current7).toEqual(['', '68.9%', '46μg/m3（较2020年累计降低', '11.54%）']);
    expect(lines(sheet.text(`D${rowOf(7)}`)).length).toBe(current7.length);
    expect(lines(sheet.text(`I${rowOf(21)}`))).toEqual(['', '95.2%', '88.6%', '85%']);
    expect(lines(sheet.text(`D${rowOf(11)}`)).length).toBe(lines(sheet.text(`I${rowOf(11)}`)).length);
  });

  it('summarises by responsible unit: indicators led (listed first) and shared', () => {
    const sheet = book.sheet('责任单位汇总');
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((c) => sheet.text(`${c}2`))).toEqual(['序号', '责任单位', '牵头指标数', '牵头指标', '配合指标数', '配合指标']);
    const units = Array.from({ length: 20 }, (_, k) => sheet.text(`B${FIRST + k}`)).filter(Boolean);
    expect(units[0]).toBe('市生态环境局兖州区分局');
    expect(units).not.toContain('区委宣传部'); // on no indicator
    const water = FIRST + units.indexOf('区水务局');
    expect(sheet.cells.get(`C${water}`)?.value).toBe(3);
    expect(lines(sheet.text(`D${water}`)).map((l) => Number.parseInt(l, 10))).toEqual([4, 16, 18]);
    expect(lines(sheet.text(`F${water}`)).map((l) => Number.parseInt(l, 10))).toEqual([23, 24]);
  });

  it('lists the evidence by indicator: title, issuer, date, 文号, file', () => {
    const sheet = book.sheet('材料清单');
    expect(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => sheet.text(`${c}2`))).toEqual(['序号', '指标序号', '指标名称', '材料名称', '出具单位', '日期', '文号', '文件']);
    expect(sheet.text('D3')).toBe('济宁市兖州区人民政府关于印发济宁市兖州区生态文明建设规划（2021—2035年）的通知');
    expect(sheet.text('E3')).toBe('济宁市兖州区人民政府');
    expect(sheet.text('F3')).toBe('2021年11月18日');
    expect(sheet.text('G3')).toBe('济兖政字〔2021〕46号');
    expect(sheet.text('H3')).toBe('市生态环境局兖州区分局/济宁市兖州区生态文明建设规划（2021—2035年）.pdf');
    const rows = [...sheet.cells.values()].filter((c) => c.ref.startsWith('D') && c.ref !== 'D1' && c.ref !== 'D2');
    const pairs = input.data.evidence.reduce((n, e) => n + e.indicators.length, 0);
    const empty = input.data.indicators.filter((i) => !input.data.evidence.some((e) => e.indicators.includes(i.no))).length;
    expect(rows.filter((c) => c.value !== undefined)).toHaveLength(pairs + empty);
    expect(rows.some((c) => c.value === '（暂无佐证材料）')).toBe(true);
  });

  it('gives identical bytes when rendered twice', async () => {
    const again = await renderTaskTable(input, { withStatus: false });
    expect(Buffer.compare(again, bytes)).toBe(0);
    expect(book.coreXml).toContain('2023-07-06T00:00:00Z');
  });
});
