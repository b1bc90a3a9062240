import { clock } from './geo.ts';
import { dayText } from './handbook/index.ts';
import { FIRST_FIELD_DAY, type SiteVisitPlan } from './plan.ts';
import { slotLabel } from './route.ts';
import { uncoveredText } from './coverage.ts';
import { packDate } from './revision.ts';
import { wordsOf } from '../common/index.ts';
import {
  breakTitle, chineseDate, MarkdownError, TITLE_CHARS, officialDocument, renderTemplate, resolveTemplate, resolveUnit, SAMPLE_HEADER, TemplateError, templateSet,
  textWidth, widthForOneLine, type TableSpec,
} from './shared.ts';

export const MEETING_PLAN_FILE = '迎检会议方案.docx';
export const MEETING_TEMPLATE = 'site-visit/meeting-plan.md.hbs';

/** Minutes of each part of the 座谈会 (the department reports: each unit in turn). */
export const AGENDA_MINUTES = { opening: 5, briefing: 25, video: 10, perUnit: 5, questions: 20 } as const;
const MEETING_START = 8 * 60 + 30;
const FEEDBACK_START = 9 * 60;

/** 观看专题片《…》, or 观看《…》专题片 as the title is written: never 专题片 twice. */
export function videoText(title: string | undefined): string {
  if (!title) return '观看创建工作专题片';
  return title.includes('专题片') ? `观看${title}` : `观看专题片${title}`;
}

/**
 * The schedule the plan lays out: day 1 the 座谈会 in the morning, the 资料查阅 from the afternoon on; the
 * field days (days 2 … N+1) the routes; the day after them the 反馈会. Responsible units report in the
 * order of the number of indicators they lead (then 附件1 order).
 */
export function meetingContext(plan: SiteVisitPlan) {
  const { project, indicators } = plan.data;
  const { district, programme, leadingGroup } = project;
  const led = new Map<string, number[]>();
  for (const ind of indicators) led.set(ind.units[0]!, [...(led.get(ind.units[0]!) ?? []), ind.no]);
  const units = [...led.entries()].sort((a, b) => b[1].length - a[1].length).map(([name, nos]) => ({ name, count: nos.length, indicators: nos.join('、') }));
  let t = MEETING_START;
  const item = (minutes: number, text: string) => {
    const entry = { time: `${clock(t)}—${clock(t + minutes)}`, text };
    t += minutes;
    return entry;
  };
  const host = plan.sites.visit.host ?? leadingGroup.deputyLeaders[0]!.name;
  const agenda = [
    item(AGENDA_MINUTES.opening, `主持人介绍参会人员，核查组组长说明核查安排`),
    item(AGENDA_MINUTES.briefing, `${leadingGroup.leader.name}同志汇报${district.shortName}${programme.title}创建工作情况`),
    item(AGENDA_MINUTES.video, videoText(plan.sites.visit.video)),
    item(AGENDA_MINUTES.perUnit * units.length, `部门汇报（${units.length}个单位，按下列顺序）`),
    item(AGENDA_MINUTES.questions, '核查组提问，有关单位答复'),
  ];
  const end = t;
  const fieldDays = plan.days;
  const routes = plan.routes.routes.filter((r) => r.stops.length);
  const place = plan.sites.visit.meetingPlace ?? `${district.government}会议室`;
  const office = `${district.name}${programme.title}创建工作领导小组办公室`;
  return {
    title: `${district.name}迎接${programme.title}现场核查会议方案`,
    sample: project.sample,
    district, programme, leadingGroup,
    /** the district's own words: 我县 / 我区 … */
    words: wordsOf(district),
    memberText: leadingGroup.members.map((m) => `${m.name}（${m.post}）`).join('、'),
    meeting: { dayText: `${dayText(plan, 1)}上午`, startText: clock(MEETING_START), endText: clock(end), place, host, agenda },
    reports: { minutes: AGENDA_MINUTES.perUnit, units },
    archive: { dayText: `${dayText(plan, 1)}下午`, place: plan.sites.visit.archiveRoom ?? leadingGroup.office.location },
    field: {
      daysText: fieldDays === 1 ? `${dayText(plan, FIRST_FIELD_DAY)}` : `${dayText(plan, FIRST_FIELD_DAY)}至${dayText(plan, FIRST_FIELD_DAY + fieldDays - 1)}`,
      routeCount: routes.length,
      siteCount: routes.reduce((n, r) => n + r.stops.length, 0),
      start: plan.routes.start.name,
      uncovered: plan.coverage.uncovered.map(uncoveredText),
    },
    feedback: {
      dayText: `${dayText(plan, FIRST_FIELD_DAY + fieldDays)}上午`, startText: clock(FEEDBACK_START),
      agenda: [
        '核查组反馈现场核查和资料审核意见，指出存在的问题',
        `${leadingGroup.leader.name}同志表态发言`,
        `领导小组办公室汇总问题清单，组织有关单位限期整改、补充材料（完备材料），并报送核查组`,
      ],
    },
    office,
    dateText: chineseDate(packDate(plan)),
  };
}

/** The routes table: every stop with its half-day, arrival, unit and 讲解人. */
export function routesTable(plan: SiteVisitPlan): TableSpec {
  const rows = plan.routes.routes.flatMap((r) =>
    r.stops.map((st, i) => ({
      cells: [
        ...(i === 0 ? [{ lines: [slotLabel(r.slot)], rowSpan: r.stops.length }] : []),
        { lines: [`${st.order}`] },
        { lines: [st.site.name], align: 'left' as const },
        { lines: [`${clock(st.arrive)}—${clock(st.leave)}`] },
        { lines: [canonical(plan, st.site.unit)] },
        { lines: [st.site.guide.name] },
      ],
    })),
  );
  // the widths as designed; a 讲解人's name is not broken (张讲解（示例）): its column takes what it needs
  // from 点位, up to 2 more, and 点位 gets what 时间 does not need (its times are one short line)
  const designed = { slot: 3.4, order: 1.2, site: 7.6, time: 4.8, unit: 4.8, guide: 3.4 };
  const asDesigned = Object.values(designed).map((width) => ({ title: '', width }));
  const longest = plan.routes.routes.flatMap((r) => r.stops.map((st) => st.site.guide.name)).reduce((a, b) => (textWidth(b) > textWidth(a) ? b : a), '讲解人');
  const guide = Math.min(designed.guide + 2, Math.max(designed.guide, widthForOneLine(longest, asDesigned)));
  const time = Math.min(designed.time, widthForOneLine('00:00—00:00', asDesigned));
  const site = designed.site - (guide - designed.guide) + (designed.time - time);
  return {
    columns: [
      { title: '时段', width: designed.slot }, { title: '站', width: designed.order }, { title: '点位', width: site, align: 'left' },
      { title: '时间', width: time }, { title: '责任单位', width: designed.unit }, { title: '讲解人', width: guide },
    ],
    rows,
  };
}

function canonical(plan: SiteVisitPlan, unit: string): string {
  const found = resolveUnit(unit, plan.data.project.units);
  return found.found ? found.canonical : unit;
}

/** Who prepares what. */
export function dutiesTable(plan: SiteVisitPlan): TableSpec {
  const { project } = plan.data;
  const office = project.leadingGroup.office.location;
  const has = (name: string) => project.units.some((u) => u.name === name);
  const words = wordsOf(project.district);
  const publicity = `${words.partyCommittee}宣传部`;
  const governmentOffice = `${words.governmentShort}办`;
  const siteUnits = [...new Set(plan.sites.sites.map((s) => canonical(plan, s.unit)))];
  const duties: [string, string, string][] = [
    ['创建工作情况汇报材料', office, '核查前3天完成，经领导小组组长审定'],
    ['专题片', has(publicity) ? publicity : office, '时长约10分钟，核查前5天完成审片'],
    ['部门汇报材料', '各牵头单位', '每个单位5分钟，突出牵头指标的数据和佐证材料'],
    ['指标数据档案（按《指标数据档案目录》每个指标一盒）', `各责任单位，${office}汇总`, '核查前5天完成装盒、编页、贴盒脊'],
    ['迎检点位准备和现场讲解', siteUnits.join('、'), '点位卡所列讲解人、联系人到岗，现场台账和公示牌齐全'],
    ['会场布置、车辆和路线保障', has(governmentOffice) ? governmentOffice : office, '按《现场核查手册》路线提前踏勘，每条路线配向导车'],
    ['问题清单汇总和整改（完备材料）', office, '反馈会后按核查组要求限期完成'],
  ];
  return {
    columns: [{ title: '序号', width: 1.4 }, { title: '事项', width: 6, align: 'left' }, { title: '责任单位', width: 6, align: 'left' }, { title: '完成要求', width: 7, align: 'left' }],
    rows: duties.map(([what, who, when], i) => ({ cells: [{ lines: [`${i + 1}`] }, { lines: [what] }, { lines: [who] }, { lines: [when] }] })),
  };
}

/** 迎检会议方案.docx through the official-document writer (same layout as the report). */
export async function renderMeetingPlan(plan: SiteVisitPlan): Promise<Buffer> {
  const { project } = plan.data;
  const set = templateSet(plan.data.dir, project.templates);
  const context = meetingContext(plan);
  const helpers = {
    breakTitle: (text: unknown) => breakTitle(String(text), TITLE_CHARS.portrait, ['现场核查', project.programme.title]),
  };
  const markdown = renderTemplate(set, MEETING_TEMPLATE, context, helpers);
  try {
    return await officialDocument({
      markdown, tables: { routes: routesTable(plan), duties: dutiesTable(plan) },
      ...(project.sample ? { headerText: SAMPLE_HEADER } : {}),
      title: context.title, creator: project.district.government, date: packDate(plan),
    });
  } catch (e) {
    if (e instanceof MarkdownError) throw new TemplateError(resolveTemplate(set, MEETING_TEMPLATE), undefined, `${e.detail}（生成的 Markdown 第 ${e.line} 行）`);
    throw e;
  }
}
