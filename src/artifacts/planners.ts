import path from 'node:path';
import { safeSegment, uniquePaths } from '../common/index.ts';
import { GENERATOR } from '../common/index.ts';
import { hashOf } from '../files/index.ts';
import { CHANGES_FILE } from '../model/index.ts';
import type { EvidenceFile } from '../model/index.ts';
import {
  ARTIFACT_NAMES, EVIDENCE_FOLDER, responseFileOf,
  type ArtifactPlanner, type BuiltInSource, type PlanInput, type PlannedArtifact,
} from './artifact.ts';
import { CHECK_SCRIPT_NAMES, checkScriptBytes } from './check-scripts/scripts.ts';
import { readmeText } from './readme/text.ts';

/**
 * The kinds of artifact eco-dossier plans into every bundle, in the order they are produced (an annex volume
 * starts its page numbers where the previous one ended; the readme lists the volumes; the response document
 * cites annex pages; changes.json lists every other file). artifacts/registry.ts pairs each with its renderer.
 */

type Source<K extends BuiltInSource['kind']> = Extract<BuiltInSource, { kind: K }>;

function planned<S extends BuiltInSource>(p: Omit<PlannedArtifact<S>, 'inputHash'>): PlannedArtifact<S> {
  return { ...p, inputHash: hashOf(p.inputs) };
}

/** Evidence metadata without the machine's absolute paths: what an artifact's content depends on. */
function evidenceMeta(e: EvidenceFile, hashes: ReadonlyMap<string, string>) {
  const { absPath: _abs, ...meta } = e;
  return { ...meta, sha256: hashes.get(e.id) ?? '' };
}

/** Hashes of what most artifacts are made from. */
function common(input: PlanInput) {
  const { data, verdicts } = input.render;
  return {
    generator: hashOf(GENERATOR),
    project: hashOf(data.project),
    catalog: hashOf(data.catalog),
    verdicts: hashOf(verdicts),
    evidence: hashOf(data.evidence.map((e) => evidenceMeta(e, input.evidenceHashes))),
    all: data.indicators.map((i) => i.no),
  };
}

/** 申报文件.docx: the district government's 请示, when project.yaml has `application`. */
export const REQUEST: ArtifactPlanner<Source<'request'>> = {
  kind: 'request',
  stage: 'report',
  plan(input) {
    if (!input.render.data.project.application) return [];
    const c = common(input);
    const volumes = input.annexVolumes.length;
    return [planned({
      path: ARTIFACT_NAMES.request, role: 'request', indicators: [], source: { kind: 'request', volumes },
      inputs: { generator: c.generator, project: c.project, catalog: c.catalog, verdicts: c.verdicts, templates: input.templatesHash, volumes: hashOf(volumes) },
    })];
  },
};

export const REPORT: ArtifactPlanner<Source<'report'>> = {
  kind: 'report',
  stage: 'report',
  plan(input) {
    const c = common(input);
    return [planned({
      path: ARTIFACT_NAMES.report, role: 'report', indicators: c.all, source: { kind: 'report' },
      inputs: {
        generator: c.generator, project: c.project, catalog: c.catalog, results: hashOf(input.render.data.results), verdicts: c.verdicts,
        evidence: c.evidence, templates: input.templatesHash, revision: hashOf(input.render.revision),
        narrative: hashOf(Object.entries(input.render.data.narrative ?? {}).map(([part, p]) => [part, p.text]).sort()),
      },
    })];
  },
};

export const TASK_TABLE: ArtifactPlanner<Source<'task-table'>> = {
  kind: 'task-table',
  stage: 'table',
  plan(input) {
    const c = common(input);
    return [planned({
      path: ARTIFACT_NAMES.taskTable, role: 'task-table', indicators: c.all, source: { kind: 'task-table' },
      // 材料清单 cites the annex pages and the originals' paths: the volumes' split is an input too
      inputs: { generator: c.generator, project: c.project, catalog: c.catalog, verdicts: c.verdicts, evidence: c.evidence, volumes: hashOf(input.annexVolumes) },
    })];
  },
};

export const ANNEX: ArtifactPlanner<Source<'annex-volume'>> = {
  kind: 'annex-volume',
  stage: 'annex',
  plan(input) {
    const { data, verdicts } = input.render;
    const c = common(input);
    return input.annexVolumes.map((volume) => {
      const inVolume = new Set(volume.indicators);
      return planned({
        path: input.annexFileName(volume), role: 'annex', indicators: [...volume.indicators], source: { kind: 'annex-volume', volume },
        inputs: {
          generator: c.generator, project: c.project, templates: input.templatesHash, volume: hashOf([volume.no, volume.total]),
          indicators: hashOf(data.indicators.filter((i) => inVolume.has(i.no))),
          verdicts: hashOf(verdicts.filter((v) => inVolume.has(v.no))),
          evidence: hashOf(data.evidence.filter((e) => e.indicators.some((n) => inVolume.has(n))).map((e) => evidenceMeta(e, input.evidenceHashes))),
        },
      });
    });
  },
};

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

/** 完整性校验.ps1 and 完整性校验.bat: the check a Windows user runs with a double click, nothing to install. */
export const CHECK_SCRIPTS: ArtifactPlanner<Source<'check-script'>> = {
  kind: 'check-script',
  stage: 'readme',
  plan() {
    return (['ps1', 'bat'] as const).map((which) => planned({
      path: CHECK_SCRIPT_NAMES[which], role: 'check-script', indicators: [], source: { kind: 'check-script', which },
      inputs: { text: hashOf(checkScriptBytes(which).toString('base64')) },
    }));
  },
};

export const README: ArtifactPlanner<Source<'readme'>> = {
  kind: 'readme',
  stage: 'readme',
  plan(input, before) {
    const text = readmeText(input.render, before);
    return [planned({ path: ARTIFACT_NAMES.readme, role: 'readme', indicators: [], source: { kind: 'readme', text }, inputs: { text: hashOf(text) } })];
  },
};

/**
 * The response documents of a revision: 补充材料说明.docx (or, for a 现场核查 round, 整改情况说明.docx)
 * answering the round this revision answers; and the previous revision's response documents at other
 * paths carried over unchanged (same inputs, so they are reused byte for byte): the answers to earlier
 * rounds stay in the bundle. A new answer's final inputs come from its renderer (it cites annex pages).
 */
export const RESPONSE: ArtifactPlanner<Source<'response'>> = {
  kind: 'response',
  stage: 'revision',
  plan(input) {
    const revision = input.revision;
    if (!revision) return [];
    const { base, answer } = revision;
    const fresh = answer ? responseFileOf(answer.feedback.stage) : undefined;
    const kept = base.manifest.files
      .filter((f) => f.role === 'response' && f.path !== fresh)
      .map((old): PlannedArtifact<Source<'response'>> => ({
        path: old.path, role: 'response', indicators: [...(old.indicators ?? [])], source: { kind: 'response', path: old.path, previous: base },
        inputs: { ...old.inputs }, inputHash: old.inputHash,
      }));
    if (!answer || !fresh) return kept;
    const indicators = [...new Set(answer.feedback.items.flatMap((i) => (i.indicator === 'general' ? [] : [i.indicator])))];
    const made = planned({ path: fresh, role: 'response', indicators, source: { kind: 'response', path: fresh, answer, previous: base }, inputs: { answer: hashOf(answer) } });
    return [...kept, made].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
};

/** changes.json in a revision: what happened to every path since the previous one (its renderer compares). */
export const CHANGES: ArtifactPlanner<Source<'changes'>> = {
  kind: 'changes',
  stage: 'revision',
  plan(input) {
    if (!input.revision) return [];
    const previousFiles = input.revision.base.manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 }));
    return [planned({ path: CHANGES_FILE, role: 'changes', indicators: [], source: { kind: 'changes', previousFiles }, inputs: { previous: hashOf(previousFiles) } })];
  },
};

/** In production order. */
export const BUILT_IN_PLANNERS: readonly ArtifactPlanner[] = [REQUEST, REPORT, ANNEX, EVIDENCE, TASK_TABLE, CHECK_SCRIPTS, README, RESPONSE, CHANGES];
