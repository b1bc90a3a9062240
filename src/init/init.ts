import { lstat, mkdir, readdir, readlink, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { displayPath } from '../common/index.ts';
import { safeSegment } from '../common/index.ts';
import { districtKindOf, listIndicators } from '../model/index.ts';
import { districtWords } from '../common/index.ts';
import type { CatalogueFile } from '../model/index.ts';
import type { Issue } from '../model/index.ts';
import { NARRATIVE_COMMENT, NARRATIVE_FOLDER, narrativeFile, STANDARD_PARTS } from '../model/index.ts';
import { readCatalogue } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { PLACEHOLDER, PLACEHOLDER_CODE } from '../validate/index.ts';
import { selectIndicators, type LeftOut, type Selected } from './select.ts';
import { guideText } from './guide.ts';

export { SelectionError, terrainClass } from './select.ts';

export interface InitOptions {
  readonly dir: string;
  readonly catalogue: CatalogueFile;
  /** 济宁市兖州区 */
  readonly district: string;
  readonly shortName?: string;
  readonly code?: string;
  readonly coastal: boolean;
  readonly terrain?: string;
  /** catalogue numbers marked 不涉及, with the reason where given (else a placeholder validate warns about) */
  readonly exclude: readonly { readonly no: number; readonly sub?: number; readonly reason?: string }[];
  readonly batch?: string;
  /** the year of the application; default the year of `today` */
  readonly year?: number;
  /** YYYY-MM-DD: written as generatedAt */
  readonly today: string;
}

export interface InitResult {
  readonly ok: boolean;
  readonly issues: readonly Issue[];
  readonly dir: string;
  readonly indicators: number;
  readonly binding: number;
  readonly reference: number;
  readonly leftOut: readonly LeftOut[];
  readonly relevant: readonly number[];
  readonly notApplicable: Selected['notApplicable'];
  readonly evidenceFolders: readonly string[];
}

/** 济宁市兖州区 → 兖州区; 绍兴市嵊州市 → 嵊州市; a name without a parent stays as it is. */
export function shortNameOf(full: string): string {
  const m = /^(?:.+?(?:省|自治区))?(?:.+?(?:市|州|盟|地区))?(.+)$/.exec(full.trim());
  return m?.[1] ?? full.trim();
}

/** `01-生态文明建设规划` for indicator 1 of 35. */
export function evidenceFolderName(no: number, name: string, total: number): string {
  return safeSegment(`${String(no).padStart(Math.max(2, String(total).length), '0')}-${name}`);
}

const q = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();

/**
 * The date the documents are written on: today, but never after the year's submission deadline (07-25): a
 * project made for an application year already past would otherwise date its 请示 after the batch closed.
 */
export function documentDate(today: string, year: number): string {
  const submission = `${year}-07-25`;
  return today < submission ? today : submission;
}

function projectYaml(o: InitOptions, programmeTitle: string, year: number): string {
  const ph = (what: string) => `${PLACEHOLDER}：${what}`;
  const kind = districtKindOf(o.district);
  const words = districtWords(kind);
  const shortName = o.shortName ?? shortNameOf(o.district);
  // a 县, 旗 or 县级市 signs with its own name (沂南县人民政府); a 市辖区 with the city's first (济宁市兖州区人民政府)
  const government = `${kind === '区' ? o.district : shortName}人民政府`;
  return `# ${o.district} · ${programmeTitle} 项目设置（由 eco-dossier init 生成，指标目录 ${o.catalogue.id}）
# 写着“${PLACEHOLDER}”的地方请换成${words.own}的实际内容；换完之前 eco-dossier validate 会逐条给出警告。
sample: false
catalog: ${q(o.catalogue.id)}
district:
  name: ${q(o.district)}
  shortName: ${q(shortName)}
  kind: ${q(kind)}                       # 县、区、市或旗：文件中写作“${words.we}”“${words.departments}”
  code: ${q(o.code ?? PLACEHOLDER_CODE)}   # 行政区划代码，6 位数字${o.code ? '' : `（${PLACEHOLDER}）`}
  government: ${q(government)}
${o.terrain ? `  terrain: ${q(o.terrain)}             # 地形类别：选定按地形分行的指标（林草覆盖率）判定哪一行` : `  # terrain: 平原地区             # 地形类别（山区、丘陵地区、平原地区、干旱半干旱地区、青藏高原地区）`}
  coastal: ${o.coastal ? 'true' : 'false'}                  # 沿海地区
  # profile: 基本情况，几句话介绍${words.own}，写进申报报告
programme:
  title: ${q(programmeTitle)}
  batch: ${q(o.batch ?? ph('批次，如 第八批'))}
  year: ${year}
  # recipient: 主送机关；不写时为省级生态环境厅（按行政区划代码前两位），由省厅预审后报生态环境部
  basis: []                       # 本次申报依据的文件，如 [《关于开展第七批生态文明建设示范区……遴选工作的通知》（环办生态函〔2023〕209号）]
  baselineYear: ${year - 3}       # 基准年
  currentYear: ${year - 1}        # 现状年
deadlines:
  - { id: materials, name: ${q(`各部门（单位）提供全部基础资料（日期${PLACEHOLDER}）`)}, date: ${year}-06-30 }
  - { id: submission, name: ${q(`完成申报（日期${PLACEHOLDER}）`)}, date: ${year}-07-25 }
leadingGroup:                     # 创建工作领导小组
  leader: { name: ${q(ph('组长姓名'))}, post: ${q(ph(`职务，如 ${kind}长`))} }
  deputyLeaders:
    - { name: ${q(ph('副组长姓名'))}, post: ${q(ph('职务'))} }
  members: []                     # - { name: 姓名, post: 职务 }
  office: { location: ${q(ph('领导小组办公室所在单位'))}, head: ${q(ph('办公室主任'))} }
contact: { office: ${q(ph('联系科室'))}, person: ${q(ph('联系人'))}, phone: ${q(ph('联系电话'))} }   # 联系人和电话印在申报文件的附注中；还可写 email、address
application:                      # 申报文件（${kind}政府的请示）；删去这一段，材料包中就没有申报文件.docx
  docNo: ${q(ph('发文字号，如 某政字〔' + String(year) + '〕1号'))}
  signer: ${q(ph(`签发人（${kind}长姓名）`))}
  copyTo: []                      # 抄送机关，如 [某省生态环境厅, 某市人民政府]
# 责任单位名单：indicators.yaml 中每项指标的 units 只能写这里列出的单位（或其别名）。
# 例：- { name: ${kind}水务局, fullName: ${o.district}水务局, aliases: [水务局] }
units: []
generatedAt: ${documentDate(o.today, year)}           # 写进所有生成文件的日期（成文日期）；须在完成申报的日期之前，报送前请改为实际成文日期
`;
}

function indicatorsYaml(o: InitOptions, selected: Selected): string {
  const header = [
    `# ${o.district} 建设指标（由 eco-dossier init 从指标目录 ${o.catalogue.id} 生成）`,
    `# 依据：${o.catalogue.title}（${o.catalogue.docNo}）`,
    `# no 为${districtWords(districtKindOf(o.district)).own}序号（1…N，按目录顺序）；catalogueNo 为目录中的序号。`,
    '# units：责任单位，第一个为牵头单位；单位名须先登记在 project.yaml 的 units 中。',
    '# better / measure / when / yearValue / valueUnit / applies 是本工具判定用的补充字段，不是目录原文。',
    `# notApplicable：${districtWords(districtKindOf(o.district)).own}不涉及的指标（或分项）写明原因；该项仍列在附件1 中，标“不涉及”，不参加判定和申报条件计数。`,
    '',
  ];
  return header.join('\n') + stringify(selected.catalog, { lineWidth: 0 });
}

const RESULTS_YAML = `# 各指标（分项）的现状值、上级目标和完成状态。可用 eco-dossier collect 生成各单位填报表，
# 再用 eco-dossier import 读回；也可直接在这里填写，例如：
# - { indicator: 3, values: { "2022": 22.5 }, source: 组织部门 }
results: []
`;

const EVIDENCE_YAML = `# 佐证材料登记表。把文件放进 evidence/ 下对应指标的文件夹（如 evidence/01-生态文明建设规划/），
# 然后运行 eco-dossier evidence scan：新文件会自动登记在下面，请核对标题、出具单位、日期和类型。
evidence: []
`;

/**
 * What each part of the report (narrative/<part>.txt) should say, as the comment line `init` writes at its
 * top: the loader drops `//` lines, so the note never reaches a document and a file left as it is counts
 * as not written yet.
 */
export const NARRATIVE_GUIDE: Readonly<Record<(typeof STANDARD_PARTS)[number], string>> = {
  基本情况: '申报报告“基本情况”：用几段话介绍本地的区位、面积、人口、经济社会发展和生态环境状况。',
  创建工作开展情况: '申报报告“创建工作开展情况”（排在部门分工之后）：组织领导、制度建设、主要工作和成效；单独一行写 ### 主要工作 可得到“（三）主要工作”小标题。',
  工作进度: '申报报告“工作进度”（排在各时间节点之后）：目前进展到哪一步，各单位资料报送情况，下一步的时间安排。',
  存在问题及下一步工作: '申报报告“存在问题及下一步工作”（排在自动列出的未达标指标之后）：存在的主要问题，以及下一步的措施和时限。',
};

function narrativeText(part: (typeof STANDARD_PARTS)[number]): string {
  return [
    `${NARRATIVE_COMMENT} ${NARRATIVE_GUIDE[part]}`,
    `${NARRATIVE_COMMENT} 正文写在下面，空一行另起一段。以 ${NARRATIVE_COMMENT} 开头的行是说明，不会写进任何文件，可以保留也可以删去。`,
    '',
    '',
  ].join('\r\n');
}

async function isEmptyOrAbsent(dir: string): Promise<'absent' | 'empty' | 'not-empty' | 'link'> {
  if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) return 'link';
  const s = await stat(dir).catch(() => undefined);
  if (!s) return 'absent';
  if (!s.isDirectory()) return 'not-empty';
  return (await readdir(dir)).length === 0 ? 'empty' : 'not-empty';
}

/**
 * Writes a new project folder from a catalogue: project.yaml with named placeholders, indicators.yaml with the
 * indicators that apply, empty results.yaml and evidence.yaml, one evidence folder per indicator, narrative/ with
 * one file per part of the report (a comment line in each saying what to write) and 使用说明.txt.
 * Refuses a folder that exists and is not empty. Writes beside the target first and renames at the end.
 */
export async function initProject(o: InitOptions): Promise<InitResult> {
  const dir = path.resolve(o.dir);
  const selected = selectIndicators(o.catalogue, { coastal: o.coastal, ...(o.terrain ? { terrain: o.terrain } : {}), exclude: o.exclude });
  const indicators = listIndicators(selected.catalog);
  const base = {
    dir, indicators: indicators.length, binding: indicators.filter((i) => i.attribute === '约束性').length,
    reference: indicators.filter((i) => i.attribute === '参考性').length, leftOut: selected.leftOut, relevant: selected.relevant,
    notApplicable: selected.notApplicable,
  };
  const state = await isEmptyOrAbsent(dir);
  if (state === 'link') {
    const target = await readlink(dir).catch(() => '?');
    return {
      ...base, ok: false, evidenceFolders: [],
      issues: [{ code: 'init-dir-not-empty', severity: 'error', file: displayPath(dir), path: [], message: `${displayPath(dir)} 是一个链接（指向 ${target}），不是新文件夹，init 不会改动它`, hint: '换一个新的文件夹名；如要在链接指向的位置新建项目，请直接写那个位置' }],
    };
  }
  if (state === 'not-empty') {
    return {
      ...base, ok: false, evidenceFolders: [],
      issues: [{ code: 'init-dir-not-empty', severity: 'error', file: displayPath(dir), path: [], message: `${displayPath(dir)} 已存在且不是空文件夹，init 不会改动其中的任何文件` }],
    };
  }
  const year = o.year ?? Number(o.today.slice(0, 4));
  const programmeTitle = o.catalogue.title.startsWith('国家') ? '国家生态文明建设示范区' : '生态文明建设示范区';
  const folders = indicators.map((i) => evidenceFolderName(i.no, i.name, indicators.length));
  const staging = `${dir}.init-${process.pid}-${Date.now()}`;
  try {
    await mkdir(path.join(staging, PROJECT_FILES.evidenceDir), { recursive: true });
    await writeFile(path.join(staging, PROJECT_FILES.project), projectYaml(o, programmeTitle, year));
    await writeFile(path.join(staging, PROJECT_FILES.indicators), indicatorsYaml(o, selected));
    await writeFile(path.join(staging, PROJECT_FILES.results), RESULTS_YAML);
    await writeFile(path.join(staging, PROJECT_FILES.evidence), EVIDENCE_YAML);
    for (const f of folders) await mkdir(path.join(staging, PROJECT_FILES.evidenceDir, f));
    await mkdir(path.join(staging, NARRATIVE_FOLDER));
    for (const part of STANDARD_PARTS) await writeFile(path.join(staging, narrativeFile(part)), narrativeText(part));
    await writeFile(path.join(staging, '使用说明.txt'), guideText({ ...o, programmeTitle, selected, indicators, folders }));
    if (state === 'empty') await rmdir(dir);
    await mkdir(path.dirname(dir), { recursive: true });
    await rename(staging, dir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  const warnings: Issue[] = selected.notApplicable.filter((n) => n.attribute === '约束性').map((n) => ({
    code: 'binding-not-applicable', severity: 'warning', file: displayPath(path.join(dir, PROJECT_FILES.indicators)), path: [],
    message: `约束性指标${n.no}“${n.name}”（目录第 ${n.catalogueNo} 项）按 --exclude 标为不涉及：${n.reason}`,
    hint: `约束性指标一般须全部达标；确认${districtWords(districtKindOf(o.district)).own}确实不涉及，并在申报报告中写明理由`,
  }));
  return { ...base, ok: true, issues: warnings, evidenceFolders: folders };
}

/** The catalogue by id for init, or the issues why not. */
export { readCatalogue };
