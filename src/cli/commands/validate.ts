import { checkProject } from '../../load/index.ts';
import { subVerdictRecords } from '../../judge/index.ts';
import { missingNarrative } from '../../artifacts/report/index.ts';
import { clerkHints } from '../../judge/index.ts';
import { correctionsNotInResults } from '../../revise/index.ts';
import { EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier validate [项目目录] [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE);
  const loaded = await checkProject(projectDir(ctx, positionals[0]));
  // a narrative part the report uses without text: validate warns, build refuses
  // and the review rounds' corrected values results.yaml does not have yet: the newest bundle judged those
  const checked = loaded.data
    ? { ...loaded, issues: [...loaded.issues, ...missingNarrative(loaded.data, 'warning'), ...(await correctionsNotInResults(loaded.data))] }
    : loaded;
  const { errors, warnings } = splitIssues(checked.issues);
  const byNo = new Map(checked.data?.indicators.map((i) => [i.no, i]) ?? []);
  const indicators = checked.verdicts.map((v) => {
    const ind = byNo.get(v.no)!;
    return {
      no: v.no, ...(ind.catalogueNo !== undefined ? { catalogueNo: ind.catalogueNo } : {}), name: ind.name, domain: ind.domain, task: ind.taskName, attribute: ind.attribute, target: ind.target,
      unit: ind.unit, current: v.currentText, verdict: v.verdict, reason: v.reason, hints: clerkHints(v), evidenceCount: v.evidenceCount,
      units: ind.units, ...(ind.notApplicable ? { notApplicable: ind.notApplicable } : {}), subs: subVerdictRecords(v),
    };
  });
  const count = (pred: (i: (typeof indicators)[number]) => boolean) => indicators.filter(pred).length;
  const summary = {
    total: indicators.length,
    binding: count((i) => i.attribute === '约束性'),
    reference: count((i) => i.attribute === '参考性'),
    verdicts: { 达标: count((i) => i.verdict === '达标'), 未达标: count((i) => i.verdict === '未达标'), 待补充: count((i) => i.verdict === '待补充'), 不涉及: count((i) => i.verdict === '不涉及') },
  };
  const ok = errors.length === 0;
  const eligibility = checked.eligibility ?? null;
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok, errors: issuesToJson(errors), warnings: issuesToJson(warnings), summary, eligibility, indicators }, null, 2));
  } else {
    const issuesText = formatIssues(checked.issues);
    if (issuesText) ctx.stdout(issuesText);
    if (checked.data) {
      const p = checked.data.project;
      ctx.stdout(
        [
          `${p.district.name} · ${p.programme.title}（${p.programme.batch}）${p.sample ? ' · 示例数据' : ''}`,
          `指标 ${summary.total} 项：约束性 ${summary.binding} 项，参考性 ${summary.reference} 项`,
          `达标 ${summary.verdicts.达标} 项，未达标 ${summary.verdicts.未达标} 项，待补充 ${summary.verdicts.待补充} 项${summary.verdicts.不涉及 ? `，不涉及 ${summary.verdicts.不涉及} 项` : ''}`,
          ...indicators.filter((i) => i.verdict !== '达标').map((i) => `  ${String(i.no).padStart(2)} ${i.name}：${i.verdict}（${i.reason}）${i.hints.length ? `——${i.hints.join('；')}` : ''}`),
        ].join('\n'),
      );
    }
    ctx.stdout(ok ? '项目数据有效。' : '项目数据有错误，请按上面的位置逐条修改。');
    ctx.stdout(eligibility ? eligibility.line : '申报条件：无法判断（项目数据有错误）。');
  }
  return ok ? EXIT.ok : EXIT.inputProblems;
}
