import type { Catalog, Issue, PlacedIndicator, Project, Result, SourcePlace } from '../model/index.ts';
import { TERRAIN_CLASSES, terrainClass } from '../model/index.ts';
import { circled, oneLine } from '../common/index.ts';
import { resolveSuperior } from '../judge/index.ts';

/**
 * Checks that keep judging from giving a silent wrong verdict: 不涉及 on a 约束性 indicator, terrain lines the
 * district's class cannot select, superior targets whose measure is unclear, and values that look like the other
 * kind of number (a change where a level is expected). Pure: the loader passes the places.
 */
type DataPath = readonly (string | number)[];
interface Locator {
  locate(path: DataPath): SourcePlace;
}

const TERRAIN_LIST = TERRAIN_CLASSES.join('、');

/** 不涉及 and terrain lines in indicators.yaml, against project.yaml's district. */
export function checkApplicability(catalog: Catalog, project: Project, at: Locator, projectAt: Locator): Issue[] {
  const issues: Issue[] = [];
  const terrain = project.district.terrain;
  if (terrain !== undefined && !terrainClass(terrain)) {
    const path = ['district', 'terrain'];
    issues.push({
      code: 'terrain-unknown', severity: 'error', path, ...projectAt.locate(path),
      message: `project.yaml 的地形类别“${terrain}”不是建设指标所分的地形`, expected: TERRAIN_LIST, actual: terrain,
    });
  }
  let unsetReported = false;
  catalog.domains.forEach((domain, d) =>
    domain.tasks.forEach((task, t) =>
      task.indicators.forEach((ind, i) => {
        const base: DataPath = ['domains', d, 'tasks', t, 'indicators', i];
        if (ind.notApplicable && ind.attribute === '约束性') {
          const path = [...base, 'notApplicable'];
          issues.push({
            code: 'binding-not-applicable', severity: 'warning', path, ...at.locate(path),
            message: `约束性指标${ind.no}“${ind.name}”标为不涉及（${oneLine(ind.notApplicable)}），不参加判定，申报条件按不含该项计算`,
            hint: '约束性指标一般须全部达标；确认本区确实不涉及，并在申报报告中写明理由',
          });
        }
        ind.subIndicators.forEach((sub, s) => {
          const subBase = [...base, 'subIndicators', s];
          if (sub.notApplicable && ind.attribute === '约束性' && !ind.notApplicable) {
            const path = [...subBase, 'notApplicable'];
            issues.push({
              code: 'binding-not-applicable', severity: 'warning', path, ...at.locate(path),
              message: `约束性指标${ind.no}的分项${circled(sub.no)}“${sub.name}”标为不涉及（${oneLine(sub.notApplicable)}），不参加判定`,
            });
          }
          const applies = sub.applies;
          if (applies === undefined || typeof applies === 'string') return;
          applies.terrain.forEach((name, k) => {
            if (terrainClass(name)) return;
            const path = [...subBase, 'applies', 'terrain', k];
            issues.push({
              code: 'terrain-unknown', severity: 'error', path, ...at.locate(path),
              message: `指标${ind.no}分项${circled(sub.no)}的地形“${name}”不是建设指标所分的地形`, expected: TERRAIN_LIST, actual: name,
            });
          });
          if (terrain === undefined && !unsetReported && !ind.notApplicable) {
            unsetReported = true;
            const path = ['district'];
            issues.push({
              code: 'terrain-unset', severity: 'warning', path, ...projectAt.locate(path),
              message: `指标${ind.no}“${ind.name}”按地形分行（${ind.subIndicators.map((x) => `${circled(x.no)}${x.name}`).join('、')}），project.yaml 未写本区地形类别，各行都无法判定`,
              expected: `district.terrain: ${TERRAIN_LIST} 之一`,
            });
          }
        });
      }),
    ),
  );
  return issues;
}

/** Whether a row's yearly value is a level whose table defines a change (提高幅度, 下降幅度): the change is computed. */
function changeDefined(name: string, measure: string | undefined): boolean {
  return measure === 'change' || /幅度/.test(name);
}

/**
 * Superior targets whose measure is unclear (text speaks of a change, fields compare the level) are errors;
 * a value that looks like the other kind of number is a warning at its place.
 */
export function checkResultKinds(results: readonly Result[], indicators: readonly PlacedIndicator[], at: Locator, baselineYear: number): Issue[] {
  const issues: Issue[] = [];
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  results.forEach((r, index) => {
    const ind = byNo.get(r.indicator);
    if (!ind) return;
    const sub = r.sub === undefined ? undefined : ind.subIndicators.find((s) => s.no === r.sub);
    if (r.sub !== undefined && !sub) return;
    const label = `指标${ind.no}${sub ? circled(sub.no) : ''}“${sub?.name ?? ind.name}”`;
    const unit = sub?.unit ?? ind.unit;
    if (r.superiorTarget) {
      const read = resolveSuperior(r.superiorTarget, unit, baselineYear);
      if (!read.ok) {
        const path = ['results', index, 'superiorTarget'];
        issues.push({ code: 'superior-target-unclear', severity: 'error', path, ...at.locate(path), message: `${label}的上级目标无法判定：${read.message}` });
      }
    }
    const yearValue = sub?.yearValue ?? ind.yearValue ?? 'level';
    if (yearValue !== 'level') return;
    const years = Object.keys(r.values).sort();
    const name = `${ind.name}${sub?.name ?? ''}`;
    const base = r.values[String(baselineYear)];
    if (changeDefined(name, sub?.measure ?? ind.measure) && base === 0 && years.some((y) => r.values[y] !== 0)) {
      const path = ['results', index, 'values', String(baselineYear)];
      issues.push({
        code: 'result-value-kind', severity: 'warning', path, ...at.locate(path),
        message: `${label}${baselineYear}年的数值为 0，后面各年不为 0：像是填了较基准年的变化量；本行每年应填当年的水平值（变化由工具计算）`,
        expected: `${baselineYear}年的水平值`, actual: '0',
      });
      return;
    }
    for (let k = 1; k < years.length; k++) {
      const a = r.values[years[k - 1]!]!;
      const b = r.values[years[k]!]!;
      if (a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) >= 5) {
        const path = ['results', index, 'values', years[k]!];
        issues.push({
          code: 'result-value-kind', severity: 'warning', path, ...at.locate(path),
          message: `${label}由${years[k - 1]}年的 ${a} 跳到${years[k]}年的 ${b}：像是把变化量当作水平值填写（或反之）；本行每年应填当年的水平值`,
          expected: '当年的水平值', actual: String(b),
        });
        break;
      }
    }
  });
  return issues;
}
