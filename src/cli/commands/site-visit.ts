import path from 'node:path';
import { clock, coverageText, formatSuggestions, travelText, loadSites, parseClock, prepareSiteVisit, slotLabel, suggestCoordinates, writeSiteVisit } from '../../site-visit/index.ts';
import { checkProject } from '../../load/index.ts';
import { TemplateError } from '../../documents/templates/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';
import { outProblemIssue } from '../out-problems.ts';

const USAGE = 'eco-dossier site-visit [项目目录] [--out 目录] [--from 材料包] [--days N] [--start HH:MM] [--suggest] [--json]';

/**
 * site-visit: sites.yaml → half-day routes → 点位清单.xlsx, 现场核查手册.pdf, 迎检会议方案.docx, 汇报演示.pptx,
 * 指标数据档案目录.xlsx under <out>/现场核查/. --suggest only lists coordinates from evidence photos' EXIF GPS.
 */
export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' }, out: { type: 'string' }, from: { type: 'string' }, days: { type: 'string' }, start: { type: 'string' }, suggest: { type: 'boolean' },
  }, USAGE);
  const days = values.days === undefined ? 1 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 7) throw new CliUsageError(`--days 应为 1—7 的整数，实际为“${values.days}”`, USAGE);
  const morningStart = values.start === undefined ? undefined : parseClock(values.start);
  if (values.start !== undefined && (morningStart === undefined || morningStart >= 12 * 60)) throw new CliUsageError(`--start 应为上午的时刻 HH:MM（如 08:30），实际为“${values.start}”`, USAGE);
  const dir = projectDir(ctx, positionals[0]);
  const outDir = path.resolve(ctx.cwd, values.out ?? 'out');

  if (values.suggest) return suggest(dir, Boolean(values.json), ctx);

  const started = performance.now();
  const from = values.from === undefined ? undefined : path.resolve(ctx.cwd, values.from);
  const prepared = await prepareSiteVisit(dir, { days, outDir, onProgress: (m) => ctx.stderr(m), ...(from !== undefined ? { from } : {}), ...(morningStart !== undefined ? { morningStart } : {}) });
  const { errors, warnings } = splitIssues(prepared.issues);
  const plan = prepared.plan;
  if (!plan || errors.length) {
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, errors: issuesToJson(errors), warnings: issuesToJson(warnings) }, null, 2));
    else {
      ctx.stdout(formatIssues(prepared.issues));
      ctx.stdout('现场核查材料未生成：请按上面的位置逐条修改。');
    }
    return EXIT.inputProblems;
  }
  let written;
  try {
    written = await writeSiteVisit(plan, outDir);
  } catch (e) {
    const issue = e instanceof TemplateError ? e.toIssue() : await outProblemIssue(e, outDir);
    if (!issue) throw e;
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, errors: issuesToJson([issue]), warnings: issuesToJson(warnings) }, null, 2));
    else ctx.stdout(`${formatIssues([...warnings, issue])}\n现场核查材料未生成。`);
    return EXIT.inputProblems;
  }
  const ms = Math.round(performance.now() - started);
  const routes = plan.routes.routes.map((r) => ({
    day: r.slot.day, half: r.slot.half, start: clock(r.slot.start), end: clock(r.slot.end), back: clock(r.back),
    drivingMinutes: r.drivingMinutes, siteMinutes: r.siteMinutes, distanceKm: Number(r.distanceKm.toFixed(2)),
    returnMinutes: r.returnMinutes, ...(r.lunch ? { lunch: { after: r.lunch.after, start: clock(r.lunch.start), end: clock(r.lunch.end) } } : {}),
    stops: r.stops.map((s) => ({ order: s.order, id: s.site.id, name: s.site.name, travelMinutes: s.travelMinutes, distanceKm: Number(s.distanceKm.toFixed(2)), arrive: clock(s.arrive), leave: clock(s.leave), minutes: s.leave - s.arrive, indicators: s.site.indicators })),
  }));
  const coverage = {
    required: plan.coverage.required,
    covered: plan.coverage.covered.map((c) => ({ no: c.no, attribute: c.attribute, sites: c.sites })),
    uncovered: plan.coverage.uncovered,
    documentsOnly: plan.coverage.documentsOnly,
    binding: plan.coverage.binding,
    shown: plan.coverage.shown,
  };
  const travel = plan.routes.travel;
  if (values.json) {
    ctx.stdout(JSON.stringify({
      ok: true, errors: [], warnings: issuesToJson(warnings), travel, routes, leftOut: plan.routes.leftOut.map((l) => ({ id: l.site.id, reason: l.reason, aloneMinutes: l.aloneMinutes, longestMinutes: l.longestMinutes })),
      coverage, annexPages: plan.places.source,
      presented: plan.presented ? { revision: plan.presented.revision, date: plan.presented.date, bundle: plan.presented.manifest.bundle } : null,
      outputs: written.map((w) => ({ file: w.file, bytes: w.bytes })), ms,
    }, null, 2));
    return EXIT.ok;
  }
  const text = formatIssues(warnings);
  if (text) ctx.stdout(text);
  ctx.stdout(plan.presented ? `现场核查材料依据第${plan.presented.revision}版申报材料（${plan.presented.manifest.bundle}）。` : '现场核查材料依据项目当前数据（输出目录中没有已生成的申报材料包）。');
  ctx.stdout(travelText(travel));
  for (const r of plan.routes.routes) {
    if (!r.stops.length) continue;
    ctx.stdout(`${slotLabel(r.slot)} ${clock(r.slot.start)} 出发，${clock(r.back)} 返回（截至 ${clock(r.slot.end)}）：车程 ${r.drivingMinutes} 分钟，停留 ${r.siteMinutes} 分钟`);
    for (const s of r.stops) {
      ctx.stdout(`  ${s.order}. ${clock(s.arrive)}—${clock(s.leave)} ${s.site.id} ${s.site.name}`);
      if (r.lunch?.after === s.order) ctx.stdout(`     ${clock(r.lunch.start)}—${clock(r.lunch.end)} 午餐`);
    }
  }
  ctx.stdout(`${coverageText(plan.coverage)}。`);
  for (const w of written) ctx.stdout(`已生成：${path.relative(ctx.cwd, w.file) || w.file}（${Math.round(w.bytes / 1024)} KB）`);
  return EXIT.ok;
}

async function suggest(dir: string, json: boolean, ctx: CommandContext): Promise<number> {
  const checked = await checkProject(dir);
  const { errors, warnings } = splitIssues(checked.issues);
  if (!checked.data || errors.length) {
    if (json) ctx.stdout(JSON.stringify({ ok: false, errors: issuesToJson(errors), warnings: issuesToJson(warnings) }, null, 2));
    else ctx.stdout(formatIssues(checked.issues));
    return EXIT.inputProblems;
  }
  // sites.yaml is optional here: the suggestions help to write it
  const sites = await loadSites(checked.data);
  const list = await suggestCoordinates(checked.data, sites.sites);
  if (json) ctx.stdout(JSON.stringify({ ok: true, suggestions: list }, null, 2));
  else ctx.stdout(formatSuggestions(list));
  return EXIT.ok;
}
