import path from 'node:path';
import { safeSegment, uniquePaths } from '../../common/index.ts';
import { hashOf } from '../../files/index.ts';
import { EVIDENCE_FOLDER, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind } from '../kind.ts';
import type { Source } from '../planning.ts';

/** Originals under 原始材料/<序号, two digits>-<指标名称>/, one copy each, in the folder of the first indicator they serve. */
export const EVIDENCE: ArtifactPlanner<Source<'evidence'>> = {
  kind: 'evidence',
  stage: 'evidence',
  plan(input) {
    const { data } = input.render;
    // 01-…, 02-… … 35-…: folders sort in 附件1's order in every file manager
    const digits = Math.max(2, String(Math.max(0, ...data.indicators.map((i) => i.no))).length);
    const folderOf = new Map(data.indicators.map((i) => [i.no, safeSegment(`${String(i.no).padStart(digits, '0')}-${i.name}`)]));
    const order = new Map(data.indicators.map((i, k) => [i.no, k]));
    const items = [...data.evidence].sort(
      (a, b) => (order.get(a.indicators[0]!) ?? 0) - (order.get(b.indicators[0]!) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const wanted = items.map((e) => `${EVIDENCE_FOLDER}/${folderOf.get(e.indicators[0]!)}/${path.posix.basename(e.file.replace(/\\/g, '/'))}`);
    const paths = uniquePaths(wanted);
    return items.map((e, k) => {
      const sha = input.evidenceHashes.get(e.id) ?? '';
      return {
        path: paths[k]!, role: 'evidence' as const, indicators: [...e.indicators], evidence: [e.id],
        source: { kind: 'evidence' as const, evidenceId: e.id, absPath: e.absPath },
        inputs: { file: sha }, inputHash: hashOf({ file: sha }),
      };
    });
  },
};

/** An original is copied as it is (by the bundle, in the background, checked against the fingerprint it was hashed with). */
export const EVIDENCE_KIND = artifactKind(EVIDENCE, 'copy');
