import type { PlacedIndicator } from '../model/index.ts';
import type { CatalogueFile } from '../model/index.ts';
import type { Selected } from './select.ts';
import { districtWords } from '../common/index.ts';
import { districtKindOf } from '../model/index.ts';

export interface GuideInput {
  readonly district: string;
  readonly programmeTitle: string;
  readonly catalogue: CatalogueFile;
  readonly terrain?: string;
  readonly coastal: boolean;
  readonly selected: Selected;
  readonly indicators: readonly PlacedIndicator[];
  readonly folders: readonly string[];
}

/** 使用说明.txt: what the office does next, in Chinese, with what the catalogue left out and why. CRLF for Notepad. */
export function guideText(g: GuideInput): string {
  const binding = g.indicators.filter((i) => i.attribute === '约束性').length;
  const rule = g.catalogue.eligibility;
  const own = districtWords(districtKindOf(g.district)).own;
  const lines = [
    `${g.district}${g.programmeTitle}申报材料 · 使用说明`,
    '',
    `本文件夹由 eco-dossier init 生成。指标目录：${g.catalogue.title}（${g.catalogue.docNo}，目录编号 ${g.catalogue.id}）。`,
    `${own}适用 ${g.indicators.length} 项指标：约束性 ${binding} 项，参考性 ${g.indicators.length - binding} 项`
      + `（${g.coastal ? '沿海地区' : '非沿海地区'}${g.terrain ? `，${g.terrain}` : '，未指定地形：林草覆盖率保留了全部地形行，请删去不适用的行'}）。`,
    '',
    '接下来：',
    `1. 打开 project.yaml，把所有写着“待填写”的地方换成${own}的实际内容（行政区划代码、批次、领导小组、联系科室、时间节点）。`,
    '2. 在 project.yaml 的 units 中登记责任单位，再在 indicators.yaml 中为每项指标写上 units（第一个为牵头单位）。',
    '3. 运行 eco-dossier collect 本文件夹，为每个责任单位生成填报表（Excel），发给各单位填写。',
    '4. 收回后运行 eco-dossier import 本文件夹 各单位填报表.xlsx，把数据读入 results.yaml。',
    '5. 把佐证材料（PDF、JPEG、PNG）放进 evidence/ 下对应指标的文件夹，运行 eco-dossier evidence scan 本文件夹 登记，并核对新增条目。',
    '6. 运行 eco-dossier validate 本文件夹：逐项判定达标情况，最后一行说明是否满足申报条件。',
    '7. 运行 eco-dossier build 本文件夹：生成申报报告、指标任务分解表、佐证材料汇编和材料包。',
    '',
    `申报条件：${rule.text}${rule.confirmed ? '' : '（尚未与管理规程原文核对）'}。依据：${rule.source}。`,
  ];
  if (g.selected.leftOut.length) {
    lines.push('', `目录中不适用于${own}、未列入 indicators.yaml 的指标：`);
    for (const l of g.selected.leftOut) lines.push(`  目录第 ${l.catalogueNo} 项 ${l.name}：${l.why}`);
    if (g.selected.leftOut.some((l) => l.why.startsWith('按 --exclude'))) lines.push('  （用 --exclude 排除的指标，请在申报报告中写明不适用的理由。）');
  }
  if (g.selected.relevant.length) {
    lines.push('', `带*的指标（仅在涉及的地区考核）：第 ${g.selected.relevant.join('、')} 项。${own}不涉及的，请删除并写明原因。`);
  }
  lines.push('', '佐证材料文件夹：', ...g.folders.map((f) => `  evidence/${f}/`), '');
  return lines.join('\r\n');
}
