import { readFile } from 'node:fs/promises';
import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFPage } from 'pdf-lib';
import { placeText, type EvidencePlace } from '../annex-places.ts';
import type { PlannedStop, PlannedRoute } from '../route.ts';
import { slotLabel } from '../route.ts';
import { clock } from '../geo.ts';
import {
  checkImage, compose, embedImage, fitInto, ORIENTATION_MATRIX, shownSize,
  type EvidenceFile, type PlacedIndicator, type Site, type SitePerson, type Verdict,
} from '../shared.ts';
import { drawQr, geoUri } from './qr.ts';
import { A4, CONTENT_WIDTH, drawTable, drawText, GREY, INK, LIGHT, MARGIN, verdictColor, type HandbookStyles } from './page.ts';

export interface CardInput {
  readonly site: Site;
  /** where it is in the plan; absent for a site that did not fit */
  readonly route?: PlannedRoute;
  readonly stop?: PlannedStop;
  readonly indicators: ReadonlyMap<number, PlacedIndicator>;
  readonly verdicts: ReadonlyMap<number, Verdict>;
  readonly evidence: ReadonlyMap<string, EvidenceFile>;
  readonly places: readonly EvidencePlace[];
  readonly unit: string;
}

const person = (p: SitePerson) => [p.name, p.post, p.phone].filter(Boolean).join('　');

const QR_SIZE = 104;

/** One page per site: what the 现场组 needs there, and a QR code with its coordinates. */
export async function drawSiteCard(doc: PDFDocument, page: PDFPage, card: CardInput, s: HandbookStyles): Promise<void> {
  const { site } = card;
  const left = MARGIN.left;
  let y = A4.height - MARGIN.top + 12;
  const where = card.stop && card.route
    ? `${slotLabel(card.route.slot)} 第${card.stop.order}站 · 到达 ${clock(card.stop.arrive)}，离开 ${clock(card.stop.leave)}`
    : '未排入路线（核查时间内排不下）';
  y = drawText(page, `点位 ${site.id} · ${where}`, left, y, CONTENT_WIDTH, s.small);
  page.drawLine({ start: { x: left, y: y - 2 }, end: { x: left + CONTENT_WIDTH, y: y - 2 }, thickness: 0.6, color: LIGHT });
  y -= 10;
  const textWidth = CONTENT_WIDTH - QR_SIZE - 16;
  const qrTop = y;
  y = drawText(page, site.name, left, y, textWidth, s.heading) - 4;
  const facts: [string, string][] = [
    ['地　　址', site.address],
    ['坐　　标', `东经 ${site.lon.toFixed(4)}°，北纬 ${site.lat.toFixed(4)}°（WGS-84）`],
    ['责任单位', card.unit],
    ['联 系 人', person(site.contact)],
    ['讲 解 人', person(site.guide)],
    ['停留时间', `${site.minutes ?? 0} 分钟`],
    ...(site.notes ? [['核查要点', site.notes] as [string, string]] : []),
  ];
  for (const [key, value] of facts) {
    const keyWidth = 62;
    drawText(page, key, left, y, keyWidth, { ...s.label, color: GREY });
    y = drawText(page, value, left + keyWidth, y, textWidth - keyWidth, s.body) - 2;
  }
  drawQr(page, geoUri(site.lat, site.lon), left + CONTENT_WIDTH - QR_SIZE, qrTop - QR_SIZE, QR_SIZE);
  drawText(page, '扫码查看位置（geo 坐标）', left + CONTENT_WIDTH - QR_SIZE - 10, qrTop - QR_SIZE - 2, QR_SIZE + 20, { ...s.small, align: 'center' });
  y = Math.min(y, qrTop - QR_SIZE - 18) - 10;

  y = drawText(page, '展示的指标及判定', left, y, CONTENT_WIDTH, s.subheading) - 2;
  const rows = site.indicators.map((no) => {
    const ind = card.indicators.get(no);
    const v = card.verdicts.get(no);
    return [
      String(no), ind?.name ?? '', ind?.attribute ?? '', ind?.target ?? '', v?.currentText.replace(/\n/g, '；') ?? '—',
      v ? { text: v.verdict, color: verdictColor(v.verdict) } : '—',
    ];
  });
  y = drawTable(page, left, y, [
    { title: '序号', width: 30, align: 'center' }, { title: '指标名称', width: 128 }, { title: '属性', width: 42, align: 'center' },
    { title: '指标值', width: 100 }, { title: '现状值', width: 122 }, { title: '达标情况', width: CONTENT_WIDTH - 422, align: 'center' },
  ], rows, { ...s.body, size: 9, lineHeight: 13 }, { ...s.label, size: 9, lineHeight: 13 }) - 12;

  y = drawText(page, '佐证材料及在汇编中的位置', left, y, CONTENT_WIDTH, s.subheading) - 2;
  if (card.places.length === 0) y = drawText(page, '（本点位未登记佐证材料）', left, y, CONTENT_WIDTH, s.body);
  for (const p of card.places) {
    y = drawText(page, p.title, left, y, CONTENT_WIDTH, { ...s.body, size: 9.5, lineHeight: 14 });
    y = drawText(page, `位置：${placeText(p)}`, left + 20, y, CONTENT_WIDTH - 20, { ...s.small, size: 9 }) - 3;
  }

  const photos = site.evidence.map((id) => card.evidence.get(id)).filter((e): e is EvidenceFile => !!e && (e.type === 'jpeg' || e.type === 'png')).slice(0, 2);
  const bottom = MARGIN.bottom + 14;
  const height = y - 14 - bottom - 14;
  if (photos.length && height >= 90) {
    const gap = 14;
    const width = (CONTENT_WIDTH - gap * (photos.length - 1)) / photos.length;
    for (const [i, photo] of photos.entries()) {
      const x = left + i * (width + gap);
      await drawPhoto(doc, page, photo, { x, y: bottom + 14, width, height });
      drawText(page, photo.title, x, bottom + 12, width, { ...s.small, align: 'center' });
    }
  }
}

/** A photo upright as the camera meant it, fitted into `area`; a file that cannot be drawn is skipped (the annex reports it). */
async function drawPhoto(doc: PDFDocument, page: PDFPage, photo: EvidenceFile, area: { x: number; y: number; width: number; height: number }): Promise<void> {
  const bytes = new Uint8Array(await readFile(photo.absPath));
  const checked = checkImage(photo.type as 'jpeg' | 'png', bytes);
  if ('kind' in checked) return;
  const image = await embedImage(doc, checked, bytes);
  if ('kind' in image) return;
  const shown = shownSize(checked.width, checked.height, checked.orientation);
  const fit = fitInto(shown.width, shown.height, area);
  const toShown: readonly [number, number, number, number, number, number] = [shown.width * fit[0], 0, 0, shown.height * fit[3], fit[4], fit[5]];
  const matrix = compose(ORIENTATION_MATRIX[checked.orientation], toShown);
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
  page.drawRectangle({ x: fit[4], y: fit[5], width: shown.width * fit[0], height: shown.height * fit[3], borderColor: INK, borderWidth: 0.4 });
}
