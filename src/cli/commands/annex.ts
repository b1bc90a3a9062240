import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../../common/display-path.ts';
import { processAlive } from '../../files/out-lock.ts';
import { hasErrors } from '../../model/issue.ts';
import { checkProject } from '../../load/check.ts';
import { ANNEX_FILE_TITLE, renderAnnex, type AnnexVolumeResult } from '../../render/annex/index.ts';
import { EXIT, parseCommandArgs, projectDir, volumeLimitOption, type CommandContext } from '../command.ts';
import { progressBar } from '../progress.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier annex [项目目录] [--out 目录] [--max-volume-mb N] [--allow-missing] [--json]';

/** 佐证材料汇编.pdf and 佐证材料汇编-第N册.pdf: earlier annex files in the output folder. */
const ANNEX_FILE = new RegExp(`^${ANNEX_FILE_TITLE}(-第\\d+册)?\\.pdf$`);

/** Moves the new volumes into place, then removes annex files of an earlier run that the new set does not have. */
async function publish(staging: string, outDir: string, volumes: readonly AnnexVolumeResult[]): Promise<string[]> {
  const names = volumes.map((v) => path.basename(v.file));
  for (const name of names) await rename(path.join(staging, name), path.join(outDir, name));
  for (const old of await readdir(outDir)) {
    if (ANNEX_FILE.test(old) && !names.includes(old)) await rm(path.join(outDir, old), { force: true });
  }
  return names.map((n) => path.join(outDir, n));
}

/**
 * Staging folders of annex runs that were killed (`.annex-<pid>-XXXXXX`, whose process is gone; or
 * `.annex-XXXXXX` of versions that did not name the process, which no live run of this version uses).
 */
async function removeStaleStaging(outDir: string): Promise<void> {
  for (const entry of await readdir(outDir).catch(() => [] as string[])) {
    const m = /^\.annex-(?:(\d+)-)?[A-Za-z0-9]{6}$/.exec(entry);
    if (m && (m[1] === undefined || !processAlive(Number(m[1])))) await rm(path.join(outDir, entry), { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * eco-dossier annex: renders the annex (佐证材料汇编) into a temporary folder inside the output folder and
 * renames it into place when every volume is done, so a failure never replaces a good annex with a broken one.
 */
export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, 'max-volume-mb': { type: 'string' }, 'allow-missing': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  const maxVolumeMb = volumeLimitOption(values['max-volume-mb'], USAGE);
  const checked = await checkProject(projectDir(ctx, positionals[0]));
  const issues = [...checked.issues];
  let files: string[] = [];
  let volumes: readonly AnnexVolumeResult[] = [];
  if (checked.data) {
    const outDir = path.resolve(ctx.cwd, values.out ?? 'out');
    await mkdir(outDir, { recursive: true });
    await removeStaleStaging(outDir);
    const staging = await mkdtemp(path.join(outDir, `.annex-${process.pid}-`));
    const cleanup = () => rmSync(staging, { recursive: true, force: true });
    const interrupted = () => {
      cleanup();
      process.stderr.write('\n已中断：未写入佐证材料汇编，原有文件保持不变。\n');
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
    try {
      const result = await renderAnnex(
        { data: checked.data, verdicts: checked.verdicts, revision: 1 },
        { outDir: staging, maxVolumeMb, allowMissing: values['allow-missing'] ?? false, onProgress: progress },
      );
      progress.done();
      issues.push(...result.issues);
      if (!hasErrors(result.issues)) {
        files = await publish(staging, outDir, result.volumes);
        volumes = result.volumes.map((v, i) => ({ ...v, file: files[i]! }));
      }
    } finally {
      process.off('SIGINT', interrupted);
      cleanup();
    }
  }
  const ok = !hasErrors(issues) && files.length > 0;
  const { errors, warnings } = splitIssues(issues);
  if (values.json) {
    ctx.stdout(JSON.stringify({
      ok,
      volumes: volumes.map((v) => ({
        file: v.file, pages: v.pages, firstPage: v.firstPage, lastPage: v.lastPage, bytes: v.bytes,
        indicators: v.indicators.map((i) => ({ no: i.no, firstPage: i.firstPage, lastPage: i.lastPage, evidence: i.evidence })),
      })),
      errors: issuesToJson(errors),
      warnings: issuesToJson(warnings),
    }, null, 2));
  } else {
    const text = formatIssues(issues);
    if (text) ctx.stdout(text);
    if (ok) {
      ctx.stdout(volumes.length > 1 ? `已生成佐证材料汇编，共 ${volumes.length} 册：` : '已生成佐证材料汇编：');
      for (const v of volumes) ctx.stdout(`  ${displayPath(v.file)}（${v.pages} 页，页码 ${v.firstPage}—${v.lastPage}，${mb(v.bytes)}）`);
    } else ctx.stdout('未生成佐证材料汇编：请先按上面的位置处理错误（或用 --allow-missing 以说明页代替无法读取的材料）。');
  }
  return ok ? EXIT.ok : EXIT.inputProblems;
}
