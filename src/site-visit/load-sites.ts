import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IssueCode } from './shared.ts';
import type { PresentedRevision } from './revision.ts';
import {
  chineseDate, displayPath, parseYaml, readSchemaFile, resolveUnit, SiteList,
  type DataPath, type GeoBounds, type Issue, type ProjectData, type Site, type YamlSource,
} from './shared.ts';

export const SITES_FILE = 'sites.yaml';

export interface LoadedSites {
  /** present when sites.yaml has no errors */
  readonly sites?: SiteList;
  readonly issues: readonly Issue[];
}

/** Keys of sites.yaml the shared wording table does not know; a schema message names them in Chinese. */
const SITE_KEY_LABEL: Record<string, string> = {
  sites: '点位', lon: '经度', lat: '纬度', address: '地址', guide: '讲解人', minutes: '停留时间', phone: '电话',
  visit: '核查安排', meetingPlace: '座谈会地点', archiveRoom: '资料查阅地点', video: '专题片', host: '主持人',
  physicalIndicators: '需现场核查的指标',
};

/** What a clerk without sites.yaml is shown: where it goes and one site written out. */
const SITES_EXAMPLE = '在项目文件夹中新建 sites.yaml，用 UTF-8 编码保存，在“sites:”下每个迎检点位写一行，如：'
  + '- { id: S01, name: 某镇污水处理厂, address: 某镇某路1号, lon: 116.80, lat: 35.55, indicators: [26], unit: 住建局, '
  + 'contact: { name: 张三, phone: "13800000000" }, guide: { name: 李四, post: 站长 }, minutes: 30 }'
  + '；lon、lat 为手机地图上的经度、纬度，indicators 为点位展示的指标序号，unit 为 project.yaml 中登记的责任单位';

function relabel(issue: Issue): Issue {
  let message = issue.message;
  for (const [key, label] of Object.entries(SITE_KEY_LABEL)) message = message.replaceAll(`“${key}”（`, `“${label}”（`);
  return message === issue.message ? issue : { ...issue, message };
}

const coord = (v: number) => v.toFixed(4);
const range = (a: number, b: number) => `${a}—${b}`;

/** 点位 S03（兴隆庄镇污水处理厂） */
function siteName(site: Pick<Site, 'id' | 'name'>): string {
  return `点位 ${site.id}（${site.name}）`;
}

/**
 * Reads and checks `sites.yaml` against the loaded project: located issues for unknown indicators and evidence
 * items, duplicate ids, coordinates outside the district's bounds (project.yaml `district.bounds`), missing
 * minutes and unknown responsible units. Never throws on bad input.
 */
export async function loadSites(data: ProjectData, presented?: PresentedRevision): Promise<LoadedSites> {
  const issues: Issue[] = [];
  const file = path.join(data.dir, SITES_FILE);
  const parsed = await readSchemaFile(file, SiteList, true, issues);
  const out = issues.map(relabel).map((i) => (i.code === 'file-missing' ? { ...i, hint: SITES_EXAMPLE } : i));
  if (!parsed.value || !parsed.source) return { issues: out };
  out.push(...(await checkProjectPlaces(data)));
  out.push(...checkSites(parsed.value, data, parsed.source));
  if (presented) out.push(...checkVisitDate(parsed.value, presented, parsed.source));
  return { ...(out.some((i) => i.severity === 'error') ? {} : { sites: parsed.value }), issues: sortByPlace(out) };
}

/** sites.yaml's visit.date, when the file reads and has one (which revision to present depends on it). */
export async function visitDateOf(data: ProjectData): Promise<string | undefined> {
  const parsed = await readSchemaFile(path.join(data.dir, SITES_FILE), SiteList, true, []);
  return parsed.value?.visit.date;
}

/** Every check of sites.yaml that needs the project (pure; `at` locates data paths in sites.yaml). */
export function checkSites(list: SiteList, data: ProjectData, at: Pick<YamlSource, 'locate' | 'file'>): Issue[] {
  const issues: Issue[] = [];
  const push = (code: IssueCode, where: DataPath, message: string, extra: Partial<Issue> = {}, severity: Issue['severity'] = 'error') =>
    issues.push({ code, severity, path: [...where], ...at.locate(where), message, ...extra });
  const indicators = new Map(data.indicators.map((i) => [i.no, i]));
  const evidence = new Set(data.evidence.map((e) => e.id));
  const maxNo = Math.max(...data.indicators.map((i) => i.no));
  const bounds = data.project.district.bounds;
  const seen = new Map<string, number>();
  list.sites.forEach((site, s) => {
    const base = ['sites', s];
    const first = seen.get(site.id);
    if (first !== undefined) {
      push('site-duplicate', [...base, 'id'], `点位编号“${site.id}”重复：第${s + 1}个点位与第${first + 1}个点位（${list.sites[first]!.name}）用了同一个编号`, { expected: '每个点位一个唯一的编号' });
    } else seen.set(site.id, s);
    site.indicators.forEach((no, k) => {
      if (!indicators.has(no)) {
        push('site-unknown-indicator', [...base, 'indicators', k], `${siteName(site)}的指标序号 ${no} 不存在于 indicators.yaml`, { expected: `1—${maxNo} 中的序号`, actual: String(no) });
      }
    });
    site.evidence.forEach((id, k) => {
      if (!evidence.has(id)) {
        push('site-unknown-evidence', [...base, 'evidence', k], `${siteName(site)}的佐证材料“${id}”不在 evidence.yaml 中`, { actual: id, hint: '填写 evidence.yaml 中佐证材料的 id' });
      }
    });
    if (site.minutes === undefined) {
      push('site-minutes-missing', base, `${siteName(site)}缺少停留时间 minutes（在该点位停留的分钟数）`, { hint: '例如 minutes: 20' });
    }
    if (bounds && !inside(site, bounds)) {
      push('site-outside-district', [...base, site.lon < bounds.west || site.lon > bounds.east ? 'lon' : 'lat'], outsideText(siteName(site), site, bounds, data.project.district.shortName), {
        actual: `${coord(site.lon)}, ${coord(site.lat)}`, hint: boundsHint(site, bounds),
      });
    }
    const unit = resolveUnit(site.unit, data.project.units);
    if (!unit.found) {
      push('site-unit-unknown', [...base, 'unit'], `${siteName(site)}的责任单位“${site.unit}”不在 project.yaml 的责任单位名单中${unit.suggestion ? `，是否应为“${unit.suggestion}”？` : ''}`, { actual: site.unit });
    }
  });
  list.physicalIndicators?.forEach((no, k) => {
    if (!indicators.has(no)) push('site-unknown-indicator', ['physicalIndicators', k], `需现场核查的指标序号 ${no} 不存在于 indicators.yaml`, { expected: `1—${maxNo} 中的序号`, actual: String(no) });
  });
  return issues;
}

/**
 * A visit dated before the revision the pack presents would be prepared from material made after it: a
 * warning at visit.date (the pack is still made, dated by that revision).
 */
export function checkVisitDate(list: SiteList, presented: Pick<PresentedRevision, 'revision' | 'date'>, at: Pick<YamlSource, 'locate'>): Issue[] {
  const date = list.visit.date;
  if (!date || date >= presented.date) return [];
  const where = ['visit', 'date'];
  return [{
    code: 'site-visit-before-presented', severity: 'warning', path: where, ...at.locate(where),
    message: `核查日期 ${chineseDate(date)} 早于所介绍的第${presented.revision}版申报材料（${chineseDate(presented.date)}）：现场核查材料将依据核查之后才生成的材料准备`,
    actual: date,
  }];
}

export function inside(p: { lon: number; lat: number }, b: GeoBounds): boolean {
  return p.lon >= b.west && p.lon <= b.east && p.lat >= b.south && p.lat <= b.north;
}

function outsideText(what: string, p: { lon: number; lat: number }, b: GeoBounds, district: string): string {
  return `${what}的坐标（经度 ${coord(p.lon)}，纬度 ${coord(p.lat)}）在 project.yaml 给出的${district}范围（经度 ${range(b.west, b.east)}，纬度 ${range(b.south, b.north)}）之外`;
}

function boundsHint(p: { lon: number; lat: number }, b: GeoBounds): string {
  if (inside({ lon: p.lat, lat: p.lon }, b)) return '经度和纬度似乎写反了：lon 是经度（东经约 116—117），lat 是纬度';
  return '核对坐标：应为 WGS-84 经纬度（十进制度），可用手机定位或照片的 GPS 信息（site-visit --suggest）';
}

/**
 * project.yaml's part: the start point must exist for routes, and lie inside the bounds; bounds are optional
 * (a warning: coordinates then go unchecked). Located in project.yaml.
 */
async function checkProjectPlaces(data: ProjectData): Promise<Issue[]> {
  const abs = path.join(data.dir, 'project.yaml');
  const file = displayPath(abs);
  const { district } = data.project;
  const source = parseYaml(file, await readFile(abs, 'utf8').catch(() => '')).source;
  const locate = (p: DataPath) => (source ? source.locate(p) : { file });
  const issues: Issue[] = [];
  if (!district.startPoint) {
    issues.push({
      code: 'site-start-missing', severity: 'error', path: ['district'], ...locate(['district']),
      message: 'project.yaml 缺少出发点 district.startPoint（每个半天的路线从这里出发、回到这里），无法规划路线',
      hint: '例如 startPoint: { name: 区政府, lon: 116.78, lat: 35.55 }',
    });
  } else if (district.bounds && !inside(district.startPoint, district.bounds)) {
    issues.push({
      code: 'site-outside-district', severity: 'error', path: ['district', 'startPoint', 'lon'], ...locate(['district', 'startPoint', 'lon']),
      message: outsideText(`出发点“${district.startPoint.name}”`, district.startPoint, district.bounds, district.shortName),
      hint: boundsHint(district.startPoint, district.bounds),
    });
  }
  if (!district.bounds) {
    issues.push({
      code: 'site-bounds-missing', severity: 'warning', path: ['district'], ...locate(['district']),
      message: 'project.yaml 没有给出辖区范围 district.bounds，无法检查点位坐标是否在辖区内',
      hint: '例如 bounds: { west: 116.63, east: 116.98, south: 35.45, north: 35.72 }',
    });
  }
  return issues;
}

function sortByPlace(issues: Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
