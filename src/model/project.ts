import { z } from 'zod';
import { IsoDate } from './common.ts';

/** What a district is: 县, 区 (市辖区), 市 (县级市) or 旗. Its documents say 我县, 我区 … after it. */
export const DISTRICT_KINDS = ['县', '区', '市', '旗'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

/** 临沂市沂南县 → 县; 济宁市兖州区 → 区; 曲阜市 → 市; 鄂托克旗 → 旗 (自治县 → 县, 林区 → 区); anything else → 区. */
export function districtKindOf(name: string): DistrictKind {
  const last = name.trim().at(-1) ?? '';
  return (DISTRICT_KINDS as readonly string[]).includes(last) ? (last as DistrictKind) : '区';
}

/** A person of the leading group (领导小组, 附件2). */
export const Person = z.strictObject({
  name: z.string().min(1),
  /** 职务, e.g. 区委副书记、区长 */
  post: z.string().min(1),
});
export type Person = z.infer<typeof Person>;

export const LeadingGroup = z.strictObject({
  /** 组长 */
  leader: Person,
  /** 副组长 */
  deputyLeaders: z.array(Person).min(1),
  /** 成员 */
  members: z.array(Person),
  /** 领导小组办公室 */
  office: z.strictObject({
    /** where the office sits, e.g. 市生态环境局兖州区分局 */
    location: z.string().min(1),
    /** 办公室主任 */
    head: z.string().min(1),
    /** 办公室副主任 */
    deputyHead: z.string().min(1).optional(),
    duties: z.string().optional(),
  }),
});
export type LeadingGroup = z.infer<typeof LeadingGroup>;

/** A 责任单位 with its canonical (short) name as 附件1 writes it, and the other names it goes by. */
export const ResponsibleUnit = z.strictObject({
  name: z.string().min(1),
  fullName: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  /** 联络员: the one person each unit names (工作方案 第二阶段 1.) */
  liaison: z.strictObject({ name: z.string().min(1), phone: z.string().optional() }).optional(),
});
export type ResponsibleUnit = z.infer<typeof ResponsibleUnit>;

export const Deadline = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id 只能由小写字母、数字和连字符组成'),
  name: z.string().min(1),
  /** the date the tool counts days to (for 7月上旬, the last day of that period) */
  date: IsoDate,
  /** how the document writes it when it is not a single day, e.g. 2023年7月上旬 */
  label: z.string().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

/**
 * The formal application document (申报文件): the district government's 请示, a 上行文 after GB/T 9704-2012.
 * Everything optional has a default made from the rest of project.yaml.
 */
export const Application = z.strictObject({
  /** 发文字号, e.g. 济兖政字〔2023〕18号 */
  docNo: z.string().min(1),
  /** 签发人: the leader who signs it (a 上行文 names one) */
  signer: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** 发文机关标志; default: the government's name followed by 文件 */
  issuerMark: z.string().min(1).optional(),
  /** 主送机关; default: programme.recipient, else the province's ecology department */
  recipient: z.string().min(1).optional(),
  /** 成文日期; default: generatedAt */
  date: IsoDate.optional(),
  /** 抄送机关, in order */
  copyTo: z.array(z.string().min(1)).default([]),
  /** 印发机关, e.g. 济宁市兖州区人民政府办公室; default: the government */
  printer: z.string().min(1).optional(),
  /** 印发日期; default: the 成文日期 */
  printDate: IsoDate.optional(),
});
export type Application = z.infer<typeof Application>;
/** WGS-84 longitude/latitude in degrees, as GPS and map apps give them. */
export const Longitude = z.number().min(-180).max(180);
export const Latitude = z.number().min(-90).max(90);

/** A rectangle of longitude × latitude (WGS-84 degrees). */
export const GeoBounds = z
  .strictObject({ west: Longitude, east: Longitude, south: Latitude, north: Latitude })
  .refine((b) => b.west < b.east && b.south < b.north, { message: '范围应满足 west < east、south < north' });
export type GeoBounds = z.infer<typeof GeoBounds>;

/** A named place with WGS-84 coordinates. */
export const GeoPoint = z.strictObject({
  name: z.string().min(1),
  address: z.string().min(1).optional(),
  lon: Longitude,
  lat: Latitude,
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const Project = z.strictObject({
  /** true for the illustrative sample: every artifact is then marked 示例数据 */
  sample: z.boolean().default(false),
  /** id of the indicator catalogue (catalogs/<id>.yaml) the indicators come from; its 申报条件 applies. Default 2021-county */
  catalog: z.string().min(1).optional(),
  district: z.strictObject({
    /** 济宁市兖州区 */
    name: z.string().min(1),
    /** 兖州区 */
    shortName: z.string().min(1),
    /** 行政区划代码, six digits */
    code: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
    /** 县, 区, 市 or 旗: what the documents call the district (我县 …); default the name's last character */
    kind: z.enum(DISTRICT_KINDS).optional(),
    /** the sender of the report, e.g. 济宁市兖州区人民政府; default 沂南县人民政府 for a 县, the full name for a 区 */
    government: z.string().min(1).optional(),
    /** 基本情况: a few sentences about the district for the report */
    profile: z.string().optional(),
    /**
     * 地形类别 as the national table distinguishes them (山区、丘陵地区、平原地区、干旱半干旱地区、青藏高原地区):
     * selects the terrain line of 林草覆盖率 that is judged; the other lines read 不适用
     */
    terrain: z.string().min(1).optional(),
    /** 沿海地区: sub-indicators marked coastal are judged only then */
    coastal: z.boolean().default(false),
    /** the district's bounding area (WGS-84 degrees): sites (sites.yaml) must lie inside it */
    bounds: GeoBounds.optional(),
    /** where the 现场核查 routes start and end each half-day (the office, the government seat …) */
    startPoint: GeoPoint.optional(),
  }).transform((d) => {
    const kind = d.kind ?? districtKindOf(d.name);
    return { ...d, kind, government: d.government ?? `${kind === '区' ? d.name : d.shortName}人民政府` };
  }),
  programme: z.strictObject({
    /** 国家生态文明建设示范区 */
    title: z.string().min(1),
    /** 第七批 */
    batch: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    /**
     * 主送机关 of the 请示, the report and the response documents; default the province's ecology department
     * (山东省生态环境厅), from the first two digits of district.code. The district writes to its superior,
     * which forwards the application to 生态环境部.
     */
    recipient: z.string().min(1).optional(),
    /** the documents the application answers to, e.g. 环办生态函〔2023〕209号 */
    basis: z.array(z.string().min(1)).default([]),
    /** years the results compare: 基准年 and 现状年 */
    baselineYear: z.number().int().min(2000).max(2100),
    currentYear: z.number().int().min(2000).max(2100),
  }).superRefine((p, ctx) => {
    // a trend compared with itself passes every time, and the years reversed read backwards
    if (p.currentYear <= p.baselineYear) ctx.addIssue({ code: 'custom', path: ['currentYear'], input: p.currentYear, message: `应晚于基准年（baselineYear: ${p.baselineYear}）` });
  }),
  deadlines: z.array(Deadline).min(1),
  leadingGroup: LeadingGroup,
  contact: z.strictObject({
    office: z.string().min(1),
    person: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().email('电子邮箱格式不正确').optional(),
    /** where paper materials go */
    address: z.string().optional(),
  }),
  units: z.array(ResponsibleUnit).default([]),
  /** the formal application document (申报文件); without it the bundle has none */
  application: Application.optional(),
  /** fixed timestamp used for every date written into outputs (no wall-clock time) */
  generatedAt: IsoDate,
  /** folder of Handlebars templates, relative to the project folder; default: the built-in templates */
  templates: z.string().optional(),
  /** overrides of titles; default titles are made from the district and programme */
  titles: z
    .strictObject({
      report: z.string().optional(),
      taskTable: z.string().optional(),
      annex: z.string().optional(),
      bundle: z.string().optional(),
    })
    .default({}),
});
export type Project = z.infer<typeof Project>;
