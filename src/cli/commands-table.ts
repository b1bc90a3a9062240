/** Every command with what it does, as the help lists them. */
export const COMMANDS: Readonly<Record<string, string>> = {
  catalogs: '列出内置的指标目录（各版建设指标）',
  init: '按指标目录新建一个区县的申报项目',
  evidence: 'evidence scan：把 evidence/ 中新放入的文件登记到 evidence.yaml',
  validate: '检查项目数据并判定各项指标',
  status: '按责任单位列出准备情况和各时间节点剩余天数',
  'export-table': '导出指标任务分解表（Excel）',
  collect: '为每个责任单位生成填报表（Excel）',
  import: '读回各单位填好的填报表，写入 results.yaml',
  report: '生成申报报告（Word）',
  annex: '生成佐证材料汇编（PDF）',
  build: '生成完整申报材料包（文件夹 + zip + 清单）',
  verify: '校验申报材料包是否完整、未被改动',
  revise: '根据审查意见生成新一版申报材料',
  diff: '比较两版申报材料包的差异',
  'site-visit': '现场核查准备：点位清单、路线、核查手册、迎检会议方案和汇报演示',
  serve: '在浏览器中打开领导小组办公室的工作台（本机网页）',
};
