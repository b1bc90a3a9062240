import { SEED_INDICATORS } from '../../judge/seed-indicators.ts';

/**
 * 附件1 of the seed (济兖政字〔2023〕10号) as its cells read, row by row: 单位, 指标值, 指标属性 and 责任单位
 * exactly as transcribed from the seed text (line breaks inside cells included). Names and numbers come
 * from tests/judge/seed-indicators.ts. Compare after `tokens()` (单位, 指标值) or `squeeze()` (责任单位):
 * the seed's line breaks in those cells are wrapping artifacts of the Word table.
 */
export interface SeedRow {
  readonly no: number;
  readonly name: string;
  readonly domain: string;
  readonly task: string;
  readonly unit: string;
  readonly target: string;
  readonly attribute: '约束性' | '参考性';
  readonly units: string;
}

type Cells = readonly [unit: string, target: string, attribute: '约束性' | '参考性', units: string];

const DOMAINS: readonly [string, string, readonly number[]][] = [
  ['生态制度', '目标责任体系与制度建设', [1, 2, 3, 4, 5, 6]],
  ['生态安全', '生态环境质量改善', [7, 8]],
  ['生态安全', '生态系统保护', [9, 10, 11]],
  ['生态安全', '生态环境风险防范', [12, 13, 14]],
  ['生态空间', '空间格局优化', [15, 16]],
  ['生态经济', '资源节约与利用', [17, 18, 19, 20]],
  ['生态经济', '产业循环发展', [21, 22]],
  ['生态生活', '人居环境改善', [23, 24, 25, 26, 27, 28, 29]],
  ['生态生活', '生活方式绿色化', [30, 31, 32]],
  ['生态文化', '观念意识普及', [33, 34, 35]],
];

const CELLS: Record<number, Cells> = {
  1: ['-', '制定实施', '约束性', '市生态环境局兖州区分局'],
  2: ['-', '有效开展', '约束性', '区委办、\n区政府办、市生态\n环境局兖州区分局'],
  3: ['%', '≥20', '约束性', '区政府办、市生态环境局兖州区分局'],
  4: ['-', '全面实施', '约束性', '区水务局'],
  5: ['%', '100', '约束性', '市生态环境局兖州区分局'],
  6: ['-', '开展', '参考性', '市生态环境局兖州区分局'],
  7: ['%', '完成上级规定的改善目标；保持稳定或持续改善', '约束性', '市生态环境局兖州区分局'],
  8: ['%', '完成上级规定的考核任务；保持稳定或持续改善', '约束性', '市生态环境局兖州区分局\n、区综合执法局、区住建局'],
  9: ['-', 'ΔEQI≥-1', '约束性', '市生态环境局兖州区分局'],
  10: ['%', '\n≥18', '参考性', '区自然资源局'],
  11: ['\n%\n-\n%', '\n≥95\n不明显\n不降低', '参考性', '区自然资源局、区农业农村局'],
  12: ['%', '100', '约束性', '市生态环境局兖州区分局、区卫健局'],
  13: ['-', '建立', '参考性', '区自然资源局、区住建局、市生态环境局兖州区分局'],
  14: ['-', '建立', '约束性', '市生态环境局兖州区分局、区应急局'],
  15: ['-', '面积不减少，性质不改变，功能不降低', '约束性', '区自然资源局'],
  16: ['%', '完成上级管控目标', '参考性', '区水务局'],
  17: ['吨标准煤/万元', '完成上级规定的目标任务；保持稳定或持续改善', '约束性', '区发改局、区统计局'],
  18: ['立方米/万元', '完成上级规定的目标任务；保持稳定或持续改善', '约束性', '区水务局、区统计局'],
  19: ['%', '≥4.5', '参考性', '区自然资源局、区统计局'],
  20: ['千克/亩', '减少', '参考性', '区农业农村局'],
  21: ['\n%', '\n\n≥90\n≥75\n≥80\n', '参考性', '区农业农村局\n'],
  22: ['%', '\n\n≥2\n保持稳定或持续改善', '参考性', '市生态环境局兖州区分局、区卫健局、区工信局'],
  23: ['%', '100', '约束性', '市生态环境局兖州区分局、区水务局'],
  24: ['%', '100', '约束性', '区卫健局、市生态环境局兖州区分局、区水务局'],
  25: ['%', '≥85', '约束性', '区住建局'],
  26: ['%', '≥50', '参考性', '区住建局'],
  27: ['%', '≥80', '约束性', '区综合执法局'],
  28: ['%', '≥80', '参考性', '区综合执法局'],
  29: ['%', '完成上级规定的目标任务', '约束性', '区住建局'],
  30: ['%', '≥50', '参考性', '区住建局'],
  31: ['-', '实施', '参考性', '区综合执法局'],
  32: ['%', '≥80', '约束性', '区财政局'],
  33: ['%', '100', '参考性', '市生态环境局兖州区分局'],
  34: ['%', '≥80', '参考性', '市生态环境局兖州区分局（问卷调查、独立机构抽样调查等方式）'],
  35: ['%', '≥80', '参考性', '市生态环境局兖州区分局（问卷调查、独立机构抽样调查等方式）'],
};

export const SEED_ROWS: readonly SeedRow[] = SEED_INDICATORS.map((ind) => {
  const cells = CELLS[ind.no]!;
  const place = DOMAINS.find(([, , nos]) => nos.includes(ind.no))!;
  return { no: ind.no, name: ind.name, domain: place[0], task: place[1], unit: cells[0], target: cells[1], attribute: cells[2], units: cells[3] };
});

/** The words of a cell, whatever the line breaks: "\n≥95\n不明显" → "≥95 不明显". */
export function tokens(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}

/** A cell with every line break and space removed. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
