import { open } from 'node:fs/promises';
import { readJpegGps } from './exif-gps.ts';
import { haversineKm } from './geo.ts';
import { inside } from './load-sites.ts';
import type { ProjectData, SiteList } from './shared.ts';

/** A position found in an evidence photo, with the site it belongs to (sites.yaml), if any. */
export interface Suggestion {
  readonly evidence: string;
  readonly file: string;
  readonly lon: number;
  readonly lat: number;
  readonly insideDistrict?: boolean;
  /** sites listing this evidence item, with the distance from their coordinates in metres */
  readonly sites: readonly { readonly id: string; readonly name: string; readonly metres: number }[];
}

/** EXIF sits in the first 64 KB of a JPEG (APP1 is at most 64 KB long and comes first). */
async function head(file: string, bytes = 128 * 1024): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `site-visit --suggest`: coordinates from the EXIF GPS of the project's JPEG evidence. */
export async function suggestCoordinates(data: ProjectData, sites?: SiteList): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  for (const e of data.evidence) {
    if (e.type !== 'jpeg') continue;
    const gps = readJpegGps(await head(e.absPath));
    if (!gps) continue;
    const bounds = data.project.district.bounds;
    const owners = (sites?.sites ?? []).filter((s) => s.evidence.includes(e.id));
    out.push({
      evidence: e.id, file: e.file, lon: Number(gps.lon.toFixed(6)), lat: Number(gps.lat.toFixed(6)),
      ...(bounds ? { insideDistrict: inside(gps, bounds) } : {}),
      sites: owners.map((s) => ({ id: s.id, name: s.name, metres: Math.round(haversineKm(s, gps) * 1000) })),
    });
  }
  return out;
}

export function formatSuggestions(list: readonly Suggestion[]): string {
  if (!list.length) return '佐证材料中的 JPEG 照片都没有 GPS 位置信息（EXIF），无法推荐坐标。';
  return [
    `从 ${list.length} 张照片的 GPS 信息（EXIF，WGS-84）中读到坐标：`,
    ...list.map((s) => {
      const where = s.sites.length ? s.sites.map((x) => `点位 ${x.id}（${x.name}）现有坐标相距 ${x.metres} 米`).join('；') : '尚未归入任何点位';
      return `  ${s.evidence}（${s.file}）：lon: ${s.lon.toFixed(6)}, lat: ${s.lat.toFixed(6)}${s.insideDistrict === false ? '　⚠ 不在辖区范围内' : ''}　${where}`;
    }),
  ].join('\n');
}
