import { CHECKSUM_FILE, MANIFEST_FILE, type FileChange, type Manifest, type ManifestFile } from '../model/index.ts';
import type { BundlePlan, WrittenFile } from '../artifacts/index.ts';
import type { RenderInput } from '../artifacts/index.ts';
import { GENERATOR } from '../common/index.ts';
import { subVerdictRecords } from '../judge/index.ts';


/** manifest.json content: generator, project, revision, every file with role, hash, size, indicators and inputs. */
export function buildManifest(
  render: RenderInput,
  plan: BundlePlan,
  written: readonly WrittenFile[],
  extra: { readonly changes?: readonly FileChange[]; readonly previous?: Manifest['previous']; readonly answeredRounds?: readonly number[] } = {},
): Manifest {
  const { project } = render.data;
  const evidenceOf = (no: number) => render.data.evidence.filter((e) => e.indicators.includes(no)).map((e) => e.id);
  const files: ManifestFile[] = [...written]
    .sort((a, b) => (a.artifact.path < b.artifact.path ? -1 : a.artifact.path > b.artifact.path ? 1 : 0))
    .map((w) => ({
      path: w.artifact.path,
      role: w.artifact.role,
      sha256: w.sha256,
      bytes: w.bytes,
      ...(w.artifact.indicators.length ? { indicators: [...w.artifact.indicators] } : {}),
      inputs: { ...w.artifact.inputs },
      inputHash: w.artifact.inputHash,
      ...(w.pages ? { pages: { ...w.pages } } : {}),
      ...(w.contents ? { contents: w.contents } : {}),
      ...(w.artifact.evidence ? { evidence: [...w.artifact.evidence] } : {}),
    }));
  return {
    format: 'eco-dossier-manifest/1',
    generator: { ...GENERATOR },
    project: {
      district: project.district.name,
      code: project.district.code,
      programme: project.programme.title,
      batch: project.programme.batch,
      year: project.programme.year,
      sample: project.sample,
    },
    bundle: plan.name,
    revision: plan.revision,
    generatedAt: project.generatedAt,
    indicators: render.verdicts.map((v) => ({
      no: v.no,
      name: render.data.indicators.find((i) => i.no === v.no)?.name ?? '',
      verdict: v.verdict,
      current: v.currentText,
      reason: v.reason,
      evidence: evidenceOf(v.no),
      ...(v.subs.length
        ? {
            subs: subVerdictRecords(v).map((s) => ({
              ...s, evidence: render.data.evidence.filter((e) => (e.subs ?? []).some((r) => r.indicator === v.no && r.sub === s.no)).map((e) => e.id),
            })),
          }
        : {}),
    })),
    evidenceItems: render.data.evidence.map((e) => ({ id: e.id, title: e.title })),
    files,
    ...(extra.changes ? { changes: [...extra.changes] } : {}),
    ...(extra.previous ? { previous: extra.previous } : {}),
    ...(extra.answeredRounds?.length ? { answeredRounds: [...extra.answeredRounds] } : {}),
  };
}

export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The lines `sha256sum -c` reads: "<hash>  <path>", every file plus manifest.json itself. */
export function checksumText(manifest: { readonly files: readonly ManifestFile[] }, manifestSha256: string): string {
  const lines = [...manifest.files.map((f) => `${f.sha256}  ${f.path}`), `${manifestSha256}  ${MANIFEST_FILE}`];
  return `${lines.join('\n')}\n`;
}

export { CHECKSUM_FILE, MANIFEST_FILE };
