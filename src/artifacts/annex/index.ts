import path from 'node:path';
import { rm } from 'node:fs/promises';
import { hasErrors, type Issue } from '../../model/index.ts';
import type { RenderInput } from '../render-input.ts';
import type { ProgressListener } from '../../common/index.ts';
import { ANNEX_FILE_TITLE, annexFileName, MB, planAnnexVolumes } from './plan.ts';
import { renderAnnexVolume, type AnnexVolumeResult } from './volume.ts';

/**
 * The annex (佐证材料汇编): cover, contents, and per indicator a divider and its evidence, in PDF volumes.
 * See README (annex) for the decisions: evidence serving several indicators is printed under each; the
 * header 指标12 …　第3页 counts an indicator's evidence pages from 1; volumes split at indicator boundaries.
 */
export { annexFileName, annexSections, planAnnexVolumes, ANNEX_FILE_TITLE, SHARED_EVIDENCE_LIMIT_BYTES, MB } from './plan.ts';
export type { AnnexVolumePlan, AnnexSection, AnnexEntry } from './plan.ts';
export { renderAnnexVolume } from './volume.ts';
export type { AnnexVolumeResult, AnnexIndicatorPages, EarlierVolume, RenderVolumeOptions } from './volume.ts';

export { DEFAULT_MAX_VOLUME_MB } from '../../common/index.ts';

/**
 * Renders every volume in sequence into `outDir` with continuous page numbers, each written to disk before
 * the next begins (memory holds one volume at a time). If any volume fails, the remaining ones are still
 * checked (to report every bad file at once), the volumes already written are removed, and the result
 * carries the error issues.
 */
export async function renderAnnex(
  input: RenderInput,
  options: { outDir: string; maxVolumeMb: number; allowMissing: boolean; onProgress?: ProgressListener },
): Promise<{ volumes: AnnexVolumeResult[]; issues: Issue[] }> {
  const plan = planAnnexVolumes(input, options.maxVolumeMb);
  const issues: Issue[] = [...plan.issues];
  const volumes: AnnexVolumeResult[] = [];
  let startPage = 1;
  let broken = false;
  for (const volume of plan.volumes) {
    const result = await renderAnnexVolume(input, volume, {
      startPage, outFile: path.join(options.outDir, annexFileName(ANNEX_FILE_TITLE, volume)), allowMissing: options.allowMissing,
      earlier: volumes, checkOnly: broken, ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const seen = new Set(issues.map((i) => JSON.stringify(i)));
    issues.push(...result.issues.filter((i) => !seen.has(JSON.stringify(i))));
    if (hasErrors(result.issues)) broken = true;
    else {
      volumes.push(result);
      startPage = result.lastPage + 1;
      if (!broken && options.maxVolumeMb > 0 && result.bytes > options.maxVolumeMb * MB && !volume.oversize) {
        issues.push({
          code: 'annex-volume-over-limit', severity: 'warning', file: result.file, path: [],
          message: `第${volume.no}册实际为 ${(result.bytes / MB).toFixed(1)} MB，超过每册上限 ${options.maxVolumeMb} MB（按材料大小估算的分册偏小）`,
          hint: '用更小的 --max-volume-mb 重新生成，或压缩较大的图片',
        });
      }
    }
  }
  if (broken) {
    for (const v of volumes) await rm(v.file, { force: true });
    return { volumes: [], issues };
  }
  return { volumes, issues };
}

export { checkImage, embedImage, type CheckedImage, type PlacedImage } from './evidence-image.ts';
export { annexPageText, annexPlaces, evidenceRange, type AnnexPlace, type KeptNumbers } from './page-book.ts';
export { checkImageData } from './evidence-image.ts';
export { openEvidencePdf } from './evidence-pdf.ts';
export { problemHint, problemReason } from './problems.ts';
