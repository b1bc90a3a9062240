import { listCatalogues } from '../../load/index.ts';
import { EXIT, parseCommandArgs, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson } from '../report-issues.ts';

const USAGE = 'eco-dossier catalogs [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, 0);
  const { catalogues, issues } = await listCatalogues();
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok: issues.length === 0, errors: issuesToJson(issues), catalogs: catalogues }, null, 2));
  } else {
    if (issues.length) ctx.stdout(formatIssues(issues));
    for (const c of catalogues) {
      const county = c.countyIndicators === c.indicators ? '' : `，县级适用 ${c.countyIndicators} 项`;
      ctx.stdout(`${c.id.padEnd(12)} ${c.title}（${c.docNo}）${c.level === 'county' ? '县级' : '市级'}，${c.indicators} 项指标${county}${c.unconfirmed ? `，${c.unconfirmed} 项有未核实字段` : ''}`);
    }
    ctx.stdout('用 eco-dossier init 新文件夹 --catalog 编号 --district 区县全称 开始本地的申报。');
  }
  return issues.length === 0 ? EXIT.ok : EXIT.inputProblems;
}
