import { Paragraph, TextRun } from 'docx';
import { escapeXml } from './xml.ts';

/**
 * Text boxes anchored to the page (DrawingML `wps:wsp` in a `wp:anchor`), for what must sit at a fixed place
 * whatever the text flow does: the 版记 at the foot of the last page, and the page number on the side of a
 * landscape page. docx builds no such box, so the writer places a marker run where the box is anchored and
 * `placeAnchors` swaps the marker for the box's XML after packing. Word, WPS and LibreOffice all read this form.
 */

export interface AnchoredBox {
  /** for w:docPr */
  readonly name: string;
  /** twips */
  readonly width: number;
  readonly height: number;
  readonly horizontal: { readonly from: 'page' | 'margin'; readonly offset?: number; readonly align?: 'left' | 'center' | 'right' };
  readonly vertical: { readonly from: 'page' | 'margin'; readonly offset?: number; readonly align?: 'top' | 'center' | 'bottom' };
  /** text flow in the box: horizontal, or turned 90° clockwise (reads top to bottom) */
  readonly vert: 'horz' | 'vert';
  /** text around the box: kept clear above and below it, or free to run under it */
  readonly wrap: 'topAndBottom' | 'none';
  /** the box's paragraphs as WordprocessingML (`<w:p>…</w:p>`) */
  readonly paragraphs: string;
}

/** twips → EMU */
const emu = (twips: number) => Math.round(twips * 635);

/** Collects the boxes of one document; each gets a marker run the writer puts where the box is anchored. */
export class AnchorSet {
  private readonly boxes: AnchoredBox[] = [];

  /** A paragraph anchoring `box` (its own paragraph properties as given). */
  paragraph(box: AnchoredBox, options: ConstructorParameters<typeof Paragraph>[0] & object = {}): Paragraph {
    return new Paragraph({ ...(typeof options === 'string' ? {} : options), children: [this.marker(box)] });
  }

  marker(box: AnchoredBox): TextRun {
    this.boxes.push(box);
    return new TextRun(markerText(this.boxes.length - 1));
  }

  get size(): number {
    return this.boxes.length;
  }

  xml(index: number): string {
    const box = this.boxes[index];
    if (!box) throw new Error(`没有第 ${index} 个定位文本框`);
    return anchorXml(box, index + 1);
  }
}

const markerText = (index: number) => `@@eco-anchor-${index}@@`;
const MARKER_RUN = /<w:r>(?:(?!<\/w:r>)[\s\S])*?@@eco-anchor-(\d+)@@(?:(?!<\/w:r>)[\s\S])*?<\/w:r>/g;

/** Replaces every marker run in a part's XML by its box. */
export function placeAnchors(xml: string, anchors: AnchorSet): string {
  return xml.replace(MARKER_RUN, (_m, index: string) => anchors.xml(Number(index)));
}

function position(axis: 'H' | 'V', p: AnchoredBox['horizontal'] | AnchoredBox['vertical']): string {
  const inner = p.align ? `<wp:align>${p.align}</wp:align>` : `<wp:posOffset>${emu(p.offset ?? 0)}</wp:posOffset>`;
  return `<wp:position${axis} relativeFrom="${p.from}">${inner}</wp:position${axis}>`;
}

export function anchorXml(box: AnchoredBox, id: number): string {
  const cx = emu(box.width);
  const cy = emu(box.height);
  const wrap = box.wrap === 'none' ? '<wp:wrapNone/>' : '<wp:wrapTopAndBottom/>';
  return (
    '<w:r><w:drawing>' +
    `<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${251659264 + id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
    '<wp:simplePos x="0" y="0"/>' +
    position('H', box.horizontal) +
    position('V', box.vertical) +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${wrap}` +
    `<wp:docPr id="${1000 + id}" name="${escapeXml(box.name)}"/><wp:cNvGraphicFramePr/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>' +
    '<wps:cNvSpPr txBox="1"/>' +
    `<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${box.paragraphs}</w:txbxContent></wps:txbx>` +
    `<wps:bodyPr rot="0" vert="${box.vert}" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>` +
    '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
  );
}
