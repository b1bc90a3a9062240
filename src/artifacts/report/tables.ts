import { chineseNumeral } from '../../common/index.ts';
import type { TableRowSpec, TableSpec } from '../../documents/docx/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import type { Verdict } from '../../judge/index.ts';
import { InternalError, remarksOf } from '../../model/index.ts';
import { nameLines, targetLines, unitLines, unitsText } from './indicator-cells.ts';

/**
 * The report's two tables as plain data for the docx writer: the indicator table of 三、指标达标情况
 * (one row per indicator, a row per 领域) and 附件1, the task breakdown with merged 领域 and 任务 cells.
 */

/** 三、指标达标情况: 序号, 指标名称, 单位, 指标值, 现状值, 指标属性, 达标情况, 责任单位, grouped by 领域. */
export function indicatorTable(indicators: readonly PlacedIndicator[], verdicts: readonly Verdict[]): TableSpec {
  const byNo = new Map(verdicts.map((v) => [v.no, v]));
  const rows: TableRowSpec[] = [];
  let domain: string | undefined;
  for (const indicator of indicators) {
    if (indicator.domain !== domain) {
      domain = indicator.domain;
      rows.push({ cells: [{ lines: [domain], colSpan: 8, align: 'left', strong: true }], keepWithNext: true });
    }
    const verdict = byNo.get(indicator.no);
    if (!verdict) throw new InternalError(`指标 ${indicator.no} 没有判定结果`);
    rows.push({
      cells: [
        { lines: [String(indicator.no)] },
        { lines: nameLines(indicator) },
        { lines: unitLines(indicator, { subLines: 'labelled' }) },
        { lines: targetLines(indicator, { subLines: 'labelled' }) },
        { lines: verdict.currentText.split('\n').map(stateOnly) },
        { lines: [indicator.attribute] },
        { lines: [verdict.verdict], ...(verdict.verdict === '达标' ? {} : { strong: true }) },
        { lines: [unitsText(indicator)] },
      ],
    });
  }
  return {
    columns: [
      // wide enough for every header on one line (指标属性: four characters of 五号 and the cell margins)
      { title: '序号', width: 6.5 },
      { title: '指标名称', width: 19, align: 'left' },
      { title: '单位', width: 8 },
      { title: '指标值', width: 14 },
      { title: '现状值', width: 14 },
      { title: '指标属性', width: 11.5 },
      { title: '达标情况', width: 11.5 },
      { title: '责任单位', width: 15.5 },
    ],
    rows,
  };
}

/**
 * A table cell shows a qualitative state without the description the judge appends in brackets
 * (已制定实施（《…规划》…） → 已制定实施); the description is long, and 四、 gives the reasons that matter.
 */
export function stateOnly(line: string): string {
  const at = line.indexOf('（');
  return at > 0 && !/\d/.test(line.slice(0, at).replace(/^[①-⑳]/, '')) ? line.slice(0, at) : line;
}

/** 附件1 指标任务分解表, laid out as the work plan's 附件1: 领域/任务/序号/指标名称/单位/指标值/指标属性/责任单位/备注. */
export function taskBreakdownTable(indicators: readonly PlacedIndicator[]): TableSpec {
  const count = (pred: (i: PlacedIndicator) => boolean) => indicators.filter(pred).length;
  const rows = indicators.map((indicator, i): TableRowSpec => {
    const previous = indicators[i - 1];
    const firstOfDomain = previous?.domain !== indicator.domain;
    const firstOfTask = firstOfDomain || previous?.taskNo !== indicator.taskNo;
    return {
      cells: [
        ...(firstOfDomain ? [{ lines: [...indicator.domain], rowSpan: count((x) => x.domain === indicator.domain) }] : []),
        ...(firstOfTask
          ? [{ lines: [`（${chineseNumeral(indicator.taskNo)}）`, indicator.taskName], rowSpan: count((x) => x.domain === indicator.domain && x.taskNo === indicator.taskNo) }]
          : []),
        { lines: [String(indicator.no)] },
        { lines: nameLines(indicator) },
        { lines: unitLines(indicator, { subLines: 'transcript' }) },
        { lines: targetLines(indicator, { subLines: 'transcript' }) },
        { lines: [indicator.attribute] },
        { lines: [unitsText(indicator)] },
        { lines: remarksOf(indicator) },
      ],
    };
  });
  return {
    columns: [
      { title: '领域', width: 6 },
      { title: '任务', width: 12 },
      { title: '序号', width: 5 },
      { title: '指标名称', width: 24, align: 'left' },
      { title: '单位', width: 8 },
      { title: '指标值', width: 15 },
      { title: '指标属性', width: 9 },
      { title: '责任单位', width: 15 },
      { title: '备注', width: 6 },
    ],
    rows,
    paginate: true,
  };
}
