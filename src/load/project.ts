import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Catalog, listIndicators } from '../model/index.ts';
import { EvidenceList } from '../model/index.ts';
import { hasErrors, type Issue } from '../model/index.ts';
import { Project } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';
import { Results } from '../model/index.ts';
import { checkTargets } from '../judge/index.ts';
import { checkCatalog, checkDocumentDate, checkEvidenceItems, checkLeadingGroup, checkResults } from '../validate/index.ts';
import { resolveUnit } from '../validate/index.ts';
import { checkPlaceholders, checkSampleText, checkUnassigned } from '../validate/index.ts';
import { DEFAULT_CATALOGUE, readCatalogue } from './catalogues.ts';
import { checkEvidenceFiles, listUnlistedFiles } from './evidence-files.ts';
import { loadNarrative } from './narrative.ts';
import { checkApplicability, checkResultKinds } from './judging-checks.ts';
import { readSchemaFile } from './schema-file.ts';

export const PROJECT_FILES = {
  project: 'project.yaml',
  indicators: 'indicators.yaml',
  results: 'results.yaml',
  evidence: 'evidence.yaml',
  evidenceDir: 'evidence',
} as const;

export interface LoadOutcome {
  /** present when no error stops the stages after loading */
  readonly data?: ProjectData;
  readonly issues: readonly Issue[];
}

import { displayPath } from '../common/index.ts';

/**
 * load + validate: reads a project folder into validated model objects and a list of located issues.
 * Never throws on bad input; `data` is absent when an error makes the later stages meaningless.
 */
export async function loadProject(dir: string): Promise<LoadOutcome> {
  const root = path.resolve(dir);
  const issues: Issue[] = [];
  const folder = await stat(root).catch(() => undefined);
  if (!folder?.isDirectory()) {
    const file = displayPath(root);
    return {
      issues: [{ code: 'project-missing', severity: 'error', file, path: [], message: `找不到项目文件夹 ${file}`, hint: '项目文件夹中应有 project.yaml、indicators.yaml、results.yaml、evidence.yaml 和 evidence/' }],
    };
  }
  const at = (name: string) => path.join(root, name);
  const [project, catalog, results, evidence] = await Promise.all([
    readSchemaFile(at(PROJECT_FILES.project), Project, true, issues),
    readSchemaFile(at(PROJECT_FILES.indicators), Catalog, true, issues),
    readSchemaFile(at(PROJECT_FILES.results), Results, false, issues),
    readSchemaFile(at(PROJECT_FILES.evidence), EvidenceList, false, issues),
  ]);
  if (!project.value || !catalog.value) return { issues: sortIssues(issues) };

  const sources = [project.source, catalog.source, results.source, evidence.source].filter((s) => s !== undefined);
  if (!project.value.sample) for (const s of sources) issues.push(...checkSampleText(s));
  for (const s of [project.source, catalog.source, evidence.source]) if (s) issues.push(...checkPlaceholders(s));
  const rule = await readCatalogue(project.value.catalog ?? DEFAULT_CATALOGUE);
  if (!rule.catalogue && project.value.catalog !== undefined) {
    issues.push(...rule.issues.map((i) => ({ ...i, ...project.source!.locate(['catalog']), path: ['catalog'] })));
  }
  const catalogValue = canonicalUnits(catalog.value, project.value);
  issues.push(...checkCatalog(catalog.value, project.value, catalog.source!));
  issues.push(...checkDocumentDate(project.value, project.source!));
  issues.push(...checkLeadingGroup(project.value, project.source!));
  issues.push(...checkApplicability(catalog.value, project.value, catalog.source!, project.source!));
  const indicators = listIndicators(catalogValue);
  issues.push(...checkUnassigned(indicators, catalog.source!.file));
  for (const bad of checkTargets(indicators)) {
    const where = locateIndicator(catalogValue, bad.no);
    const dataPath = [...where, ...bad.path];
    issues.push({
      code: 'target-unreadable', severity: 'error', path: dataPath, ...catalog.source!.locate(dataPath),
      message: `指标${bad.no}的指标值“${bad.actual}”无法识别：${bad.message}`, expected: bad.expected, actual: bad.actual,
    });
  }
  const resultList = results.value?.results ?? [];
  if (results.source && results.value) {
    issues.push(...checkResults(resultList, indicators, results.source));
    issues.push(...checkResultKinds(resultList, indicators, results.source, project.value.programme.baselineYear));
  }
  const items = evidence.value?.evidence ?? [];
  const evidenceDir = at(PROJECT_FILES.evidenceDir);
  let files: ProjectData['evidence'] = [];
  if (evidence.source && evidence.value) {
    issues.push(...checkEvidenceItems(items, indicators, evidence.source));
    const checked = await checkEvidenceFiles(evidenceDir, items, evidence.source);
    files = checked.files;
    issues.push(...checked.issues);
    const unlisted = await listUnlistedFiles(evidenceDir, new Set(items.map((i) => path.posix.normalize(i.file.replace(/\\/g, '/')).normalize('NFC'))));
    for (const rel of unlisted) {
      issues.push({
        code: 'evidence-unlisted', severity: 'warning', file: displayPath(path.join(evidenceDir, rel)), path: [],
        message: `文件 evidence/${rel} 未在 evidence.yaml 中登记，不会进入申报材料`, hint: '在 evidence.yaml 中为它添加一条记录，或移出 evidence/ 文件夹',
      });
    }
  }
  const narrative = await loadNarrative(root, project.value);
  issues.push(...narrative.issues);
  const sorted = sortIssues(issues);
  if (hasErrors(sorted)) return { issues: sorted };
  const data: ProjectData = {
    dir: root, project: project.value, catalog: catalogValue, indicators, results: resultList, evidence: files, narrative: narrative.narrative,
    ...(rule.catalogue ? { eligibilityRule: rule.catalogue.eligibility, catalogueId: rule.catalogue.id } : {}),
  };
  return { data, issues: sorted };
}

function locateIndicator(catalog: Catalog, no: number): (string | number)[] {
  for (const [d, domain] of catalog.domains.entries())
    for (const [t, task] of domain.tasks.entries())
      for (const [i, ind] of task.indicators.entries()) if (ind.no === no) return ['domains', d, 'tasks', t, 'indicators', i];
  return [];
}

/** Aliases in indicators.yaml become the canonical names, so every later stage sees one spelling. */
function canonicalUnits(catalog: Catalog, project: Project): Catalog {
  const canon = (name: string) => {
    const found = resolveUnit(name, project.units);
    return found.found ? found.canonical : name;
  };
  return {
    domains: catalog.domains.map((d) => ({
      ...d,
      tasks: d.tasks.map((t) => ({ ...t, indicators: t.indicators.map((i) => ({ ...i, units: i.units.map(canon) })) })),
    })),
  };
}

/** Stable order: by file, then line, then column, so output never depends on check order. */
function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
