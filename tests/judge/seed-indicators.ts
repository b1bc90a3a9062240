import type { PlacedIndicator, SubIndicator } from '../../src/model/catalog.ts';

/** Builds a placed indicator with only what judging reads; the rest is filler. */
export function indicator(
  no: number,
  name: string,
  unit: string,
  target: string,
  extra: Partial<Pick<PlacedIndicator, 'better' | 'measure'>> & { subIndicators?: SubIndicator[] } = {},
): PlacedIndicator {
  return {
    no, name, unit, target, attribute: '约束性', units: ['市生态环境局兖州区分局'], notes: '',
    domain: '生态制度', taskNo: 1, taskName: '目标责任体系与制度建设',
    subIndicators: [], ...extra,
  };
}

/**
 * The 35 indicators of the seed's 附件1 with their 指标值 as written there
 * (sub-indicators with their own targets where the cell lists one per line).
 */
export const SEED_INDICATORS: readonly PlacedIndicator[] = [
  indicator(1, '生态文明建设规划', '-', '制定实施'),
  indicator(2, '党委政府对生态文明建设重大目标任务部署情况', '-', '有效开展'),
  indicator(3, '生态文明建设工作占党政实绩考核的比例', '%', '≥20'),
  indicator(4, '河长制', '-', '全面实施'),
  indicator(5, '生态环境信息公开率', '%', '100'),
  indicator(6, '依法开展规划环境影响评价', '-', '开展'),
  indicator(7, '环境空气质量', '%', '完成上级规定的改善目标；保持稳定或持续改善', {
    subIndicators: [{ no: 1, name: '优良天数比例' }, { no: 2, name: 'PM2.5浓度下降幅度' }],
  }),
  indicator(8, '水环境质量', '%', '完成上级规定的考核任务；保持稳定或持续改善', {
    subIndicators: [
      { no: 1, name: '水质达到或优于Ⅲ类比例提高幅度' },
      { no: 2, name: '劣V类水体比例下降幅度' },
      { no: 3, name: '黑臭水体消除比例' },
    ],
  }),
  indicator(9, '生态质量指数（EQI）', '-', 'ΔEQI≥-1'),
  indicator(10, '林草覆盖率', '%', '\n≥18', { subIndicators: [{ no: 1, name: '平原地区' }] }),
  indicator(11, '生物多样性保护', '%', '≥95\n不明显\n不降低', {
    subIndicators: [
      { no: 1, name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
      { no: 2, name: '外来物种入侵', unit: '-', target: '不明显' },
      { no: 3, name: '特有性或指示性水生物种保持率', unit: '%', target: '不降低' },
    ],
  }),
  indicator(12, '危险废物利用处置率', '%', '100'),
  indicator(13, '建设用地土壤污染风险管控和修复名录制度', '-', '建立'),
  indicator(14, '突发生态环境事件应急管理机制', '-', '建立'),
  indicator(15, '自然生态空间', '-', '面积不减少，性质不改变，功能不降低', {
    subIndicators: [{ no: 1, name: '生态保护红线' }, { no: 2, name: '自然保护地' }],
  }),
  indicator(16, '河湖岸线保护率', '%', '完成上级管控目标'),
  indicator(17, '单位地区生产总值能耗', '吨标准煤/万元', '完成上级规定的目标任务；保持稳定或持续改善', { better: 'lower' }),
  indicator(18, '单位地区生产总值用水量', '立方米/万元', '完成上级规定的目标任务；保持稳定或持续改善', { better: 'lower' }),
  indicator(19, '单位国内生产总值建设用地使用面积下降率', '%', '≥4.5'),
  indicator(20, '化肥农药减量化', '千克/亩', '减少', {
    subIndicators: [{ no: 1, name: '主要农作物化肥亩均施用量' }, { no: 2, name: '主要农作物农药亩均施用量' }],
  }),
  indicator(21, '农业废弃物综合利用率', '%', '≥90 ≥75 ≥80', {
    subIndicators: [
      { no: 1, name: '秸秆综合利用率', target: '≥90' },
      { no: 2, name: '畜禽粪污综合利用率', target: '≥75' },
      { no: 3, name: '农膜回收利用率', target: '≥80' },
    ],
  }),
  indicator(22, '一般工业固体废物综合利用率提高幅度', '%', '≥2', {
    measure: 'change',
    subIndicators: [
      { no: 1, name: '综合利用率≤60%的地区', target: '≥2', when: '≤60' },
      { no: 2, name: '综合利用率＞60%的地区', target: '保持稳定或持续改善', when: '＞60' },
    ],
  }),
  indicator(23, '集中式饮用水水源地水质优良比例', '%', '100'),
  indicator(24, '村镇饮用水卫生合格率', '%', '100'),
  indicator(25, '城镇污水处理率', '%', '≥85'),
  indicator(26, '农村生活污水治理率', '%', '≥50'),
  indicator(27, '城镇生活垃圾无害化处理率', '%', '≥80'),
  indicator(28, '农村生活垃圾无害化处理村占比', '%', '≥80'),
  indicator(29, '农村无害化卫生厕所普及率', '%', '完成上级规定的目标任务'),
  indicator(30, '城镇新建绿色建筑比例', '%', '≥50'),
  indicator(31, '城镇生活垃圾分类减量化行动', '-', '实施'),
  indicator(32, '政府绿色采购比例', '%', '≥80'),
  indicator(33, '党政领导干部参加生态文明培训的人数比例', '%', '100'),
  indicator(34, '公众对生态文明建设的满意度', '%', '≥80'),
  indicator(35, '公众对生态文明建设的参与度', '%', '≥80'),
];

export const byNo = (no: number): PlacedIndicator => {
  const found = SEED_INDICATORS.find((i) => i.no === no);
  if (!found) throw new Error(`no indicator ${no}`);
  return found;
};
