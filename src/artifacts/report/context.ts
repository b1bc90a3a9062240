import { assessEligibility, type Verdict } from '../../judge/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import { InternalError } from '../../model/index.ts';
import type { Project } from '../../model/index.ts';
import { resolveUnit } from '../../validate/index.ts';
import { chineseDate, formatShare, recipientOf, wordsOf } from '../../common/index.ts';
import { PLACEHOLDER } from '../../validate/index.ts';
import { titlesOf } from '../../common/index.ts';
import type { RenderInput } from '../render-input.ts';
import { figureRange, reportFigures, type ReportFigure } from './figures.ts';

/**
 * The data the report template sees: plain JSON, every value the default template uses computed here
 * (so a district's own template needs no arithmetic), optional project fields present as '' rather than missing.
 */
export function reportContext(input: RenderInput, narrativeParts: readonly string[] = [], figures: readonly ReportFigure[] = reportFigures(input)) {
  const { project, indicators } = input.data;
  const titles = titlesOf(project);
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const indicatorOf = (v: Verdict) => byNo.get(v.no) ?? fail(`判定结果 ${v.no} 没有对应的指标`);
  const group = project.leadingGroup;
  return {
    sample: project.sample,
    revision: input.revision,
    title: titles.report,
    district: { ...project.district, profile: cjkSpacing(project.district.profile ?? '') },
    /**
     * the office's text for each narrative part the template uses (narrative/<part>.txt), answers of review
     * rounds applied; a part without text is '' (build refuses it unless allowed, see narrative.ts)
     */
    narrative: Object.fromEntries(narrativeParts.map((part) => [part, lineSpacing(input.data.narrative?.[part]?.text ?? '')])),
    programme: project.programme,
    /** 主送机关, the same as the 请示's: the province's ecology department unless project.yaml names another */
    recipient: bundleRecipient(project),
    /** the district's own words: 我县 / 我区 …, 县有关部门（单位）… (common/district-words.ts) */
    words: wordsOf(project.district),
    /** 环办生态函〔2023〕209号《…》和… */
    basisText: project.programme.basis.join('和'),
    leadingGroup: {
      leader: group.leader,
      deputyLeaders: group.deputyLeaders,
      members: group.members,
      office: { location: group.office.location, head: group.office.head, deputyHead: group.office.deputyHead ?? '', duties: group.office.duties ?? '' },
      /** 区委常委、副区长石可清 (、 between several) */
      deputiesText: group.deputyLeaders.map((p) => `${p.post}${p.name}`).join('、'),
      size: 1 + group.deputyLeaders.length + group.members.length,
    },
    unitDuties: unitDuties(project, indicators),
    deadlines: project.deadlines.map((d) => ({ ...d, label: d.label ?? '', dateText: d.label ?? chineseDate(d.date) })),
    summary: summarize(input.verdicts.map((v) => ({ verdict: v, indicator: indicatorOf(v) }))),
    /** 申报条件 in one sentence for 指标达标情况 */
    eligibility: eligibilitySentence(input),
    problems: input.verdicts
      .filter((v) => v.verdict !== '达标' && v.verdict !== '不涉及')
      .map((v) => {
        const indicator = indicatorOf(v);
        return { no: v.no, name: indicator.name, attribute: indicator.attribute, verdict: v.verdict, reason: sentence(v.reason), units: indicator.units.join('、') };
      }),
    attachments: [
      { no: 1, title: titles.taskTable },
      { no: 2, title: titles.leadingGroup },
    ],
    contact: project.contact,
    date: project.generatedAt,
    /** 2023年7月20日: the report's date (成文日期) */
    dateText: chineseDate(project.generatedAt),
    /**
     * the figures of 三、: `domains` (图1, verdicts by 领域) and `trends` (an indicator's values for three years
     * or more against its target), each `{ id, no, title }` for `::: figure {{id}} 图{{no}}　{{title}}`;
     * `trendsRef` is 图2 or 图2至图8 ('' without trends)
     */
    figures: {
      domains: figureRef(figures.find((f) => f.id === 'domains') ?? fail('报告缺少图1')),
      trends: figures.filter((f) => f.id !== 'domains').map(figureRef),
      trendsRef: figureRange(figures.filter((f) => f.id !== 'domains')),
    },
    /** a line of its own expanding to the tables (directives the docx writer maps to real tables) */
    indicatorTable: '::: table indicators',
    taskTable: '::: table tasks',
  };
}

export type ReportContext = ReturnType<typeof reportContext>;

/** Unmet 约束性 indicators named by number in the sentence, at most; more are counted. */
const NAMED_AT_MOST = 4;

/** 对照申报条件（…），我区满足申报条件。 / …目前尚不满足：… */
export function eligibilitySentence(input: RenderInput): string {
  const e = assessEligibility(input.data.indicators, input.verdicts, input.data.eligibilityRule);
  const rule = e.rule.text.replace(/（[^（）]*）$/, '');
  const who = wordsOf(input.data.project.district).we;
  if (e.eligible) return `对照申报条件（${rule}），${who}满足申报条件。`;
  const parts: string[] = [];
  const binding = e.reasons.filter((r) => r.attribute === '约束性').map((r) => r.no);
  // a few are named; a long list of numbers cannot break between them and would stretch the line before it
  // (LibreOffice set 满 足 ： 约 束 … letter by letter): the count, and 表1 names them
  if (binding.length > NAMED_AT_MOST) parts.push(`约束性指标有${binding.length}项尚未达标（见表1）`);
  else if (binding.length) parts.push(`约束性指标第${binding.join('、')}项尚未达标`);
  if (e.reference.share < e.reference.required) parts.push(`参考性指标达标率${formatShare(e.reference.share)}，低于${formatShare(e.reference.required)}`);
  return `对照申报条件（${rule}），${who}目前尚不满足：${parts.join('，')}。`;
}

/** The bundle's 主送机关; while neither project.yaml nor the 行政区划代码 names one, a placeholder the build refuses. */
export function bundleRecipient(project: Project): string {
  return recipientOf(project) ?? `${PLACEHOLDER}：主送机关`;
}

function figureRef(f: ReportFigure) {
  return { id: f.id, no: f.no, title: f.title };
}

function fail(message: string): never {
  throw new InternalError(message);
}

/** Removes the spaces YAML folding leaves between Chinese lines (穿境而过。 近年来 → 穿境而过。近年来). */
export function cjkSpacing(text: string): string {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’]';
  return text.replace(new RegExp(`(?<=${cjk})\\s+(?=${cjk})`, 'gu'), '').trim();
}

/** Removes spaces and tabs between Chinese characters (a folded YAML profile), keeping line breaks and paragraphs. */
function lineSpacing(text: string): string {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’]';
  return text.replace(new RegExp(`(?<=${cjk})[ \\t]+(?=${cjk})`, 'gu'), '').trim();
}

/** Ends a reason with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const t = text.trim();
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

interface Judged {
  readonly verdict: Verdict;
  readonly indicator: PlacedIndicator;
}

/** Counts by attribute and verdict, and the overview sentence 35项指标中，19项约束性指标达标17项，16项参考性指标达标14项. */
export function summarize(judged: readonly Judged[]) {
  // 不涉及: not judged, not counted; the overview names them with their reason
  const notApplicable = judged.filter((j) => j.verdict.verdict === '不涉及');
  const of = (attribute: '约束性' | '参考性') => {
    const all = judged.filter((j) => j.indicator.attribute === attribute && j.verdict.verdict !== '不涉及');
    return { total: all.length, met: all.filter((j) => j.verdict.verdict === '达标').length };
  };
  const binding = of('约束性');
  const reference = of('参考性');
  const count = (kind: Verdict['verdict']) => judged.filter((j) => j.verdict.verdict === kind).length;
  return {
    total: judged.length,
    binding,
    reference,
    met: count('达标'),
    unmet: count('未达标'),
    pending: count('待补充'),
    notApplicable: notApplicable.length,
    overview:
      `${judged.length}项指标中，` +
      (notApplicable.length
        ? `${notApplicable.map((j) => `第${j.indicator.no}项${j.indicator.name}${j.verdict.reason.replace(/^不涉及：/, '不涉及（')}）`).join('，')}，不参加判定；其余`
        : '') +
      `${binding.total}项约束性指标达标${binding.met}项，${reference.total}项参考性指标达标${reference.met}项`,
    /**
     * the indicators of both kinds not 达标, counted apart from the overview (after it, “，未达标2项” read as a
     * part of the 参考性 count): 全部指标中未达标2项、待补充3项; '' when every judged indicator is 达标
     */
    notMet: [count('未达标') ? `未达标${count('未达标')}项` : '', count('待补充') ? `待补充${count('待补充')}项` : ''].filter(Boolean).join('、').replace(/^(?=.)/, '全部指标中'),
  };
}

/** 部门分工: each responsible unit with the indicators it leads (first named) and shares, in project.yaml's order. */
export function unitDuties(project: Project, indicators: readonly PlacedIndicator[]) {
  const canonical = (name: string) => {
    const found = resolveUnit(name, project.units);
    return found.found ? found.canonical : name;
  };
  const duties = new Map<string, { lead: number[]; share: number[] }>();
  for (const u of project.units) duties.set(u.name, { lead: [], share: [] });
  for (const indicator of indicators) {
    indicator.units.forEach((name, i) => {
      const key = canonical(name);
      if (!duties.has(key)) duties.set(key, { lead: [], share: [] });
      duties.get(key)![i === 0 ? 'lead' : 'share'].push(indicator.no);
    });
  }
  const list = (nos: readonly number[]) => `第${numberList(nos)}项指标`;
  return [...duties.entries()]
    .filter(([, d]) => d.lead.length + d.share.length > 0)
    .map(([unit, d]) => ({
      unit,
      fullName: project.units.find((u) => u.name === unit)?.fullName ?? unit,
      lead: d.lead,
      share: d.share,
      /** 牵头负责第1、5项指标，配合完成第2项指标 */
      duty: [d.lead.length ? `牵头负责${list(d.lead)}` : '', d.share.length ? `配合完成${list(d.share)}` : ''].filter(Boolean).join('，'),
    }));
}

/** 1、5、6、7、9 → 1、5—7、9 (no invisible characters: the text is what a reader copies). */
export function numberList(nos: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < nos.length; ) {
    let j = i;
    while (j + 1 < nos.length && nos[j + 1] === nos[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${nos[i]}—${nos[j]}` : nos.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return parts.join('、');
}
