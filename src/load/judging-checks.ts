import type { Catalog, Issue, PlacedIndicator, Project, Result, SourcePlace } from '../model/index.ts';
import { TERRAIN_CLASSES, terrainClass } from '../model/index.ts';
import { circled, oneLine } from '../common/index.ts';
import { parseTarget, resolveSuperior } from '../judge/index.ts';

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
        // lines by terrain, none of them the district's: the indicator waits for a line that is not there
        const byTerrain = ind.subIndicators.filter((s) => s.applies !== undefined && typeof s.applies !== 'string');
        const own = terrain === undefined ? undefined : terrainClass(terrain);
        if (own && !ind.notApplicable && byTerrain.length && !byTerrain.some((s) => typeof s.applies !== 'string' && s.applies!.terrain.some((n) => terrainClass(n) === own))) {
          const path = [...base, 'subIndicators'];
          issues.push({
            code: 'terrain-line-missing', severity: 'warning', path, ...at.locate(path),
            message: `指标${ind.no}“${ind.name}”按地形分行（${byTerrain.map((x) => `${circled(x.no)}${x.name}`).join('、')}），没有本区地形“${own}”的一行，无法判定`,
            hint: `在 indicators.yaml 中补上${own}的分项及其指标值（见建设指标原表）`,
          });
        }
        issues.push(...targetAsRatio(`指标${ind.no}“${ind.name}”`, ind.unit, ind.target, ind.measure, ind.name, [...base, 'target'], at));
        ind.subIndicators.forEach((sub, s) => {
          if (sub.target === undefined) return;
          issues.push(...targetAsRatio(`指标${ind.no}${circled(sub.no)}“${sub.name}”`, sub.unit ?? ind.unit, sub.target, sub.measure ?? ind.measure, `${ind.name}${sub.name}`, [...base, 'subIndicators', s, 'target'], at));
        });
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

/** A floor (≥, >, =) on a level: what a share written as a ratio would meet, where a ceiling (≤5) of a small share would not. */
function floorOf(target: string, unit: string): number | undefined {
  const parsed = parseTarget(target, unit);
  return parsed.ok && parsed.target.kind === 'threshold' && ['≥', '>', '='].includes(parsed.target.op) ? parsed.target.value : undefined;
}

/**
 * A % floor written as a ratio (≥0.85 for ≥85%): judged as written, 46.3% ≥ 0.85% passes. Lines measured as a
 * change (提高幅度 ≥1 个百分点) are left alone.
 */
function targetAsRatio(label: string, unit: string, target: string, measure: string | undefined, name: string, path: DataPath, at: Locator): Issue[] {
  if (unit !== '%' || changeDefined(name, measure)) return [];
  const floor = floorOf(target, unit);
  if (floor === undefined || !(floor > 0 && floor <= 1)) return [];
  return [{
    code: 'result-share-as-ratio', severity: 'warning', path, ...at.locate(path),
    message: `${label}的指标值“${target}”不大于 1，而单位是 %：像是写成了比例；≥85% 应写 ≥85`,
    expected: '百分数的数值，如 ≥85', actual: target,
  }];
}

/**
 * A share written as a ratio (0.975 for 97.5%): every value of a % line at most 1 where its target asks for more
 * than 1 (≥85), or a superior level target at most 1 over values above 1. Judged as written, 0.975 < 85 is a
 * silent 未达标, and a target of 0.9 a silent 达标: a warning at the place says which it looks like.
 */
function shareAsRatio(r: Result, index: number, label: string, unit: string, targetText: string, at: Locator): Issue[] {
  if (unit !== '%') return [];
  const values = Object.values(r.values);
  const floor = floorOf(targetText, unit);
  const issues: Issue[] = [];
  if (values.length && floor !== undefined && floor > 1 && values.every((v) => v > 0 && v <= 1)) {
    const path = ['results', index, 'values'];
    issues.push({
      code: 'result-share-as-ratio', severity: 'warning', path, ...at.locate(path),
      message: `${label}的数值（${values.join('、')}）都不大于 1，指标值却是 ${targetText}：像是写成了比例；单位是 %，97.5% 应写 97.5`,
      expected: '百分数的数值，如 97.5', actual: values.join('、'),
    });
  }
  const superior = r.superiorTarget;
  if (superior?.value !== undefined && superior.value > 0 && superior.value <= 1 && (superior.measure ?? 'level') === 'level' && values.some((v) => v > 1)) {
    const path = ['results', index, 'superiorTarget', 'value'];
    issues.push({
      code: 'result-share-as-ratio', severity: 'warning', path, ...at.locate(path),
      message: `${label}的上级目标 ${superior.value} 不大于 1，而各年数值是百分数（如 ${values.find((v) => v > 1)}）：像是写成了比例；90% 应写 90`,
      expected: '百分数的数值，如 90', actual: String(superior.value),
    });
  }
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
    // a ratio is looked for on lines whose yearly values are levels only (a 下降率 row's 0.8 is a real rate)
    if (yearValue === 'level' && !changeDefined(`${ind.name}${sub?.name ?? ''}`, sub?.measure ?? ind.measure)) issues.push(...shareAsRatio(r, index, label, unit, sub?.target ?? ind.target, at));
    // marked 不涉及, yet reported: the figures say it does concern the district (and 不涉及 takes it out of the counts)
    const notApplicable = ind.notApplicable ?? sub?.notApplicable;
    if (notApplicable && (Object.keys(r.values).length > 0 || r.status !== undefined)) {
      const path = ['results', index];
      issues.push({
        code: 'result-not-applicable-reported', severity: 'warning', path, ...at.locate(path),
        message: `${label}在 indicators.yaml 中标为不涉及（${oneLine(notApplicable)}），results.yaml 却填报了${r.status !== undefined ? '达标情况' : '数值'}：不涉及的指标不参加判定，也不计入申报条件`,
        hint: '本区确实涉及的，删去 indicators.yaml 中该指标的 notApplicable，按填报的数值判定',
      });
    }
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
