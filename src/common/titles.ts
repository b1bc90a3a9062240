import type { Project } from '../model/index.ts';

/** Titles of the artifacts: the project's own wording where it gives one, else made from district and programme. */
export function titlesOf(project: Project) {
  const { district, programme } = project;
  return {
    /** 济宁市兖州区国家生态文明建设示范区创建工作报告 */
    report: project.titles.report ?? `${district.name}${programme.title}创建工作报告`,
    /** 济宁市兖州区创建国家生态文明建设示范区指标任务分解表 */
    taskTable: project.titles.taskTable ?? `${district.name}创建${programme.title}指标任务分解表`,
    /** 济宁市兖州区国家生态文明建设示范区创建佐证材料汇编 */
    annex: project.titles.annex ?? `${district.name}${programme.title}创建佐证材料汇编`,
    /** 兖州区-国家生态文明建设示范区申报材料 (the bundle folder, before -r1) */
    bundle: project.titles.bundle ?? `${district.shortName}-${programme.title}申报材料`,
    /** 济宁市兖州区国家生态文明建设示范区创建工作领导小组成员名单 */
    leadingGroup: `${district.name}${programme.title}创建工作领导小组成员名单`,
  };
}
