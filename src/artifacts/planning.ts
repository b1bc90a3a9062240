import { GENERATOR, recipientOf } from '../common/index.ts';
import { hashOf } from '../files/index.ts';
import type { EvidenceFile, Project } from '../model/index.ts';
import type { BuiltInSource, PlanInput, PlannedArtifact } from './artifact.ts';

/** What the planners of eco-dossier's own kinds share: a planned artifact with its input hash, and the hashes most are made from. */

export type Source<K extends BuiltInSource['kind']> = Extract<BuiltInSource, { kind: K }>;

export function planned<S extends BuiltInSource>(p: Omit<PlannedArtifact<S>, 'inputHash'>): PlannedArtifact<S> {
  return { ...p, inputHash: hashOf(p.inputs) };
}

/** Evidence metadata without the machine's absolute paths: what an artifact's content depends on. */
export function evidenceMeta(e: EvidenceFile, hashes: ReadonlyMap<string, string>) {
  const { absPath: _abs, ...meta } = e;
  return { ...meta, sha256: hashes.get(e.id) ?? '' };
}

/**
 * The project as the documents other than the 请示 print it: without the 请示's own 发文字号, 签发人 and dates
 * (a reissued 请示 changes nothing else), with the recipient every document names.
 */
function projectSeenByDocuments(project: Project) {
  const { application: _application, ...rest } = project;
  return { ...rest, bundleRecipient: recipientOf(project) ?? '' };
}

/**
 * The project without its date: what an annex volume is reused on. A volume prints the date only on its
 * cover, as it prints the revision it was made in (第N版): a volume whose content did not change keeps the
 * cover it was submitted with, so a revision answering a review round on a later date re-renders only the
 * volumes whose indicators or evidence changed.
 */
function undated<T extends { generatedAt: string }>(project: T): Omit<T, 'generatedAt'> {
  const { generatedAt: _date, ...rest } = project;
  return rest;
}

/** Hashes of what most artifacts are made from. */
export function commonInputs(input: PlanInput) {
  const { data, verdicts } = input.render;
  return {
    generator: hashOf(GENERATOR),
    project: hashOf(projectSeenByDocuments(data.project)),
    projectUndated: hashOf(undated(projectSeenByDocuments(data.project))),
    catalog: hashOf(data.catalog),
    verdicts: hashOf(verdicts),
    evidence: hashOf(data.evidence.map((e) => evidenceMeta(e, input.evidenceHashes))),
    all: data.indicators.map((i) => i.no),
  };
}
