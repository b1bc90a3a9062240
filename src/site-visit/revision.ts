import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { chineseDate, displayPath, readManifest, titlesOf, type Issue, type Manifest, type ProjectData, type Verdict } from './shared.ts';

/**
 * Which revision the 现场核查 pack presents: the bundle given (`--from`), else the newest bundle of this
 * project in the output folder, else none (the project as `build` would make it). The pack is made from
 * that revision's judged state (revise/revisionState), so its slides and handbook say what the bundle the
 * reviewers hold says.
 */
export interface PresentedRevision {
  readonly manifest: Manifest;
  /** the bundle folder or zip */
  readonly location: string;
  readonly revision: number;
  /** the revision's date, as its documents carry it */
  readonly date: string;
}

/**
 * The date of the 现场核查 pack (its covers, signatures and file dates): the date of the revision it presents,
 * so the pack is never dated before the material it presents; the project's generatedAt when it presents none.
 */
export function packDate(plan: { readonly data: Pick<ProjectData, 'project'>; readonly presented?: PresentedRevision | undefined }): string {
  return plan.presented?.date ?? plan.data.project.generatedAt;
}

/** 第3版申报材料（2023年9月20日）, or the project's own data when no bundle was found. */
export function presentedText(presented: PresentedRevision | undefined): string {
  return presented
    ? `依据第${presented.revision}版申报材料（${chineseDate(presented.date)}）`
    : '依据项目当前数据（尚未生成申报材料包）';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The bundle of this project in `outDir` to present (folders `<bundle title>-rN` with a manifest.json): the
 * newest one dated on or before the visit (`visitDate`), since a later one answers the visit itself; the
 * newest one when none is that old, or the visit has no date.
 */
async function newestIn(outDir: string, data: ProjectData, visitDate?: string): Promise<PresentedRevision | undefined> {
  const pattern = new RegExp(`^${escape(titlesOf(data.project).bundle)}-r(\\d+)$`);
  const candidates = (await readdir(outDir).catch(() => [] as string[]))
    .map((name) => ({ name, rev: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((c) => Number.isInteger(c.rev))
    .sort((a, b) => b.rev - a.rev);
  let newest: PresentedRevision | undefined;
  for (const c of candidates) {
    const location = path.join(outDir, c.name);
    let manifest: Manifest;
    try {
      manifest = await readManifest(location);
    } catch {
      continue; // not a readable bundle: try the next
    }
    if (manifest.project.code !== data.project.district.code) continue;
    const found = { manifest, location, revision: manifest.revision, date: manifest.generatedAt };
    newest ??= found;
    if (visitDate === undefined || found.date <= visitDate) return found;
  }
  return newest;
}

/**
 * The revision to present, with located errors for a `--from` that is not a bundle of this project. Without
 * `--from`, the newest bundle in `outDir` made by the visit's date (sites.yaml visit.date).
 */
export async function findPresented(data: ProjectData, outDir: string, from?: string, visitDate?: string): Promise<{ presented?: PresentedRevision; issues: Issue[] }> {
  if (from === undefined) {
    const presented = await newestIn(outDir, data, visitDate);
    return presented ? { presented, issues: [] } : { issues: [] };
  }
  let manifest: Manifest;
  try {
    manifest = await readManifest(from);
  } catch {
    return { issues: [{ code: 'site-bundle-unreadable', severity: 'error', file: displayPath(from), path: [], message: `--from 给出的 ${path.basename(from)} 不是可读的申报材料包（找不到或读不出其中的 manifest.json）` }] };
  }
  if (manifest.project.code !== data.project.district.code) {
    return {
      issues: [{
        code: 'site-bundle-other-project', severity: 'error', file: displayPath(from), path: [],
        message: `--from 给出的材料包属于${manifest.project.district}（行政区划代码 ${manifest.project.code}），不是本项目的${data.project.district.name}（${data.project.district.code}）`,
      }],
    };
  }
  return { presented: { manifest, location: from, revision: manifest.revision, date: manifest.generatedAt }, issues: [] };
}

/**
 * Indicators whose verdict or current value in the state differ from what the bundle recorded (the project
 * folder changed after the bundle was made): a warning naming them, so nobody presents figures the reviewers'
 * bundle does not carry without knowing it.
 */
export function differencesFromBundle(presented: PresentedRevision, verdicts: readonly Verdict[]): Issue[] {
  const recorded = new Map(presented.manifest.indicators.map((i) => [i.no, i]));
  const differing = verdicts.filter((v) => {
    const r = recorded.get(v.no);
    return !r || r.verdict !== v.verdict || r.current !== v.currentText;
  });
  if (differing.length === 0) return [];
  return [{
    code: 'site-bundle-differs', severity: 'warning', file: displayPath(presented.location), path: [],
    message: `第${presented.revision}版材料包生成后项目数据有改动：指标${differing.map((v) => v.no).join('、')}的现状值或达标情况与该版不同，现场核查材料按当前数据写`,
  }];
}
