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
  const kind = districtKindOf(g.district);
  const own = districtWords(kind).own;
  const lines = [
    `${g.district}${g.programmeTitle}申报材料 · 使用说明`,
    '',
    `本文件夹由 eco-dossier init 生成。指标目录：${g.catalogue.title}（${g.catalogue.docNo}，目录编号 ${g.catalogue.id}）。`,
    `${own}适用 ${g.indicators.length} 项指标：约束性 ${binding} 项，参考性 ${g.indicators.length - binding} 项`
      + `（${g.coastal ? '沿海地区' : '非沿海地区'}${g.terrain ? `，${g.terrain}` : `，未指定地形：林草覆盖率保留了全部地形行，请在 project.yaml 的 district 下写 terrain（${own}的地形类别），工具只判定相应的一行`}）。`,
    '',
    '接下来：',
    `1. 打开 project.yaml，把所有写着“待填写”的地方换成${own}的实际内容（行政区划代码、批次、领导小组、联系科室、联系人和电话、时间节点，`
      + '以及 application 中申报文件的发文字号和签发人；删去 application 一段，材料包中就没有申报文件）。',
    '2. 在 project.yaml 的 units 中登记责任单位，再在 indicators.yaml 中为每项指标写上 units（第一个为牵头单位）。',
    '3. 打开 narrative 文件夹中的 4 个 .txt 文件，按每个文件开头 // 行的说明写申报报告的文字（以 // 开头的行不会写进报告）。',
    '4. 运行 eco-dossier collect 本文件夹，为每个责任单位生成填报表（Excel，在本文件夹的 out/填报表/ 中），发给各单位填写。',
    `5. 收回后放回 out/填报表/，运行 eco-dossier import 本文件夹 ${kind}水务局.xlsx ${kind}住建局.xlsx …，把数据读入 results.yaml。`,
    '6. 把佐证材料（PDF、JPEG、PNG）放进 evidence/ 下对应指标的文件夹，运行 eco-dossier evidence scan 本文件夹 登记，并核对新增条目。',
    '7. 运行 eco-dossier validate 本文件夹：逐项判定达标情况，最后一行说明是否满足申报条件。',
    '8. 运行 eco-dossier build 本文件夹：生成申报报告、指标任务分解表、佐证材料汇编和材料包（报送前可反复生成，新的一版替换草稿）。',
    '9. 报送后运行 eco-dossier submit 材料包.zip --to 接收单位 --date 报送日期 记录；此后这一版不再被覆盖，修改请用 eco-dossier revise。',
    '10. 每轮审查意见和答复写进 feedback/round-1.yaml、round-2.yaml …（写法可参照内置示例项目的 feedback 文件夹），运行 eco-dossier revise 本文件夹 --from 上一版材料包，生成新一版和答复文件。',
    '11. 迎接现场核查前，在本文件夹新建 sites.yaml 写好迎检点位（没有这个文件时，site-visit 命令会给出写法示例），'
      + '运行 eco-dossier site-visit 本文件夹，生成点位清单、路线、核查手册、迎检会议方案和汇报演示。',
    '',
    `申报条件：${rule.text}${rule.confirmed ? '' : '（尚未与管理规程原文核对）'}。依据：${rule.source}。`,
  ];
  if (g.selected.leftOut.length) {
    lines.push('', `目录中不适用于${own}、未列入 indicators.yaml 的指标：`);
    for (const l of g.selected.leftOut) lines.push(`  目录第 ${l.catalogueNo} 项 ${l.name}：${l.why}`);
  }
  if (g.selected.notApplicable.length) {
    lines.push('', '标为“不涉及”的指标（仍列在附件1 中，不参加判定，申报条件按不含这些项计算；原因写在 indicators.yaml 的 notApplicable）：');
    for (const n of g.selected.notApplicable) lines.push(`  第 ${n.no} 项 ${n.name}（${n.attribute}）：${n.reason}`);
  }
  if (g.selected.relevant.length) {
    lines.push('', `带*的指标（仅在涉及的地区考核）：第 ${g.selected.relevant.join('、')} 项。${own}不涉及的，请删除并写明原因。`);
  }
  lines.push('', '佐证材料文件夹：', ...g.folders.map((f) => `  evidence/${f}/`), '');
  return lines.join('\r\n');
}
