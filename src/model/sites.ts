import { z } from 'zod';
import { IsoDate } from './common.ts';
import { Latitude, Longitude } from './project.ts';

/** 联系人 / 讲解人 of a site. */
export const SitePerson = z.strictObject({
  name: z.string().min(1),
  /** 职务 */
  post: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
});
export type SitePerson = z.infer<typeof SitePerson>;

/** One 迎检点位: a place the Ministry's 现场组 visits to see indicators on the ground. */
export const Site = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能由字母、数字、点、连字符和下划线组成'),
  name: z.string().min(1),
  address: z.string().min(1),
  /** WGS-84 degrees, as a phone's map or a camera's GPS gives them */
  lon: Longitude,
  lat: Latitude,
  /** 序号 of the indicators the site shows */
  indicators: z.array(z.number().int().min(1)).min(1),
  /** the 责任单位 that receives the visitors there (a name or alias from project.yaml) */
  unit: z.string().min(1),
  contact: SitePerson,
  /** 讲解人 */
  guide: SitePerson,
  /** minutes to spend on site (optional in the schema so that a missing value gets its own located message) */
  minutes: z.number().int().min(1).max(240).optional(),
  /** ids of evidence items (evidence.yaml) that belong to the site: photos, ledgers */
  evidence: z.array(z.string().min(1)).default([]),
  /** what to show or say there */
  notes: z.string().optional(),
});
export type Site = z.infer<typeof Site>;

/** The visit itself: the meeting (座谈会) and the archive room; all optional. */
export const VisitInfo = z.strictObject({
  /** 核查第1天; without it the schedule says 第1天, 第2天 … */
  date: IsoDate.optional(),
  /** 座谈会 place */
  meetingPlace: z.string().min(1).optional(),
  /** 资料查阅 place */
  archiveRoom: z.string().min(1).optional(),
  /** 专题片 title */
  video: z.string().min(1).optional(),
  /** 主持人 of the 座谈会; default: the first deputy leader of the leading group */
  host: z.string().min(1).optional(),
});
export type VisitInfo = z.infer<typeof VisitInfo>;

/**
 * How driving times are estimated (site-visit/geo.ts): the district's own figures where the defaults (road
 * 1.3 × the straight line, 35 km/h on county and town roads) do not fit, e.g. a large grassland banner whose
 * sites are reached on 国道 and 高速.
 */
export const TravelSettings = z.strictObject({
  /** average speed on county and town roads, km/h */
  speedKmh: z.number().min(5).max(120).optional(),
  /** road distance ÷ straight-line distance */
  roadFactor: z.number().min(1).max(3).optional(),
  /** average speed on 国道、省道 and 高速, km/h, used for the part of a leg beyond fastBeyondKm */
  fastSpeedKmh: z.number().min(5).max(120).optional(),
  /** road km of a leg driven on county and town roads before the faster roads (default 15) */
  fastBeyondKm: z.number().min(0).max(500).optional(),
});
export type TravelSettings = z.infer<typeof TravelSettings>;

/** sites.yaml */
export const SiteList = z.strictObject({
  visit: VisitInfo.default({}),
  travel: TravelSettings.optional(),
  /**
   * the indicators that have a physical site to show (需现场核查的指标); default: every 约束性 indicator some
   * site shows. Each 约束性 one listed here must be covered by a planned route.
   */
  physicalIndicators: z.array(z.number().int().min(1)).optional(),
  sites: z.array(Site).min(1),
});
export type SiteList = z.infer<typeof SiteList>;
