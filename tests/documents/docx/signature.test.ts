import { describe, expect, it } from 'vitest';
import { Document, Packer } from 'docx';
import JSZip from 'jszip';
import { senderLines, signature, textWidth } from '../../../src/documents/docx/elements.ts';
import { BODY_CHARS, chars } from '../../../src/documents/docx/layout.ts';

/** The signature's paragraphs as Word reads them: text and right indent in characters. */
async function laidOut(lines: string[]): Promise<{ text: string; right: number }[]> {
  const doc = new Document({ sections: [{ children: signature(lines) }] });
  const xml = await (await JSZip.loadAsync(await Packer.toBuffer(doc))).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    right: Number(/<w:ind w:right="(\d+)"/.exec(m[1]!)?.[1] ?? 0) / chars(1),
  }));
}

describe('落款: sender and date never break inside', () => {
  it('a sender wider than the line is set on lines of its own, cut after a part of its name, most evenly', () => {
    expect(senderLines('济宁市兖州区国家生态文明建设示范区创建工作领导小组办公室')).toEqual(['济宁市兖州区国家生态文明建设示范区', '创建工作领导小组办公室']);
    expect(senderLines('沂南县人民政府')).toEqual(['沂南县人民政府']);
    for (const long of ['额济纳旗国家生态文明建设示范区创建工作领导小组办公室', '某某省某某市某某某某县国家生态文明建设示范区创建工作领导小组办公室']) {
      const lines = senderLines(long);
      expect(lines.join('')).toBe(long);
      for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(BODY_CHARS - 3);
    }
  });

  it('every line of the 落款 fits the 28-character line with its right indent, the date included', async () => {
    for (const sender of ['济宁市兖州区国家生态文明建设示范区创建工作领导小组办公室', '济宁市兖州区人民政府', '额济纳旗国家生态文明建设示范区创建工作领导小组办公室']) {
      const paragraphs = await laidOut([sender, '2023年12月20日']);
      expect(paragraphs.slice(0, -1).map((p) => p.text).join('')).toBe(sender);
      expect(paragraphs.at(-1)!.text).toBe('2023年12月20日');
      for (const p of paragraphs) expect(textWidth(p.text) + p.right, p.text).toBeLessThanOrEqual(BODY_CHARS - 1);
    }
  });
});
