import { FONT } from './layout.ts';
import { escapeXml } from './xml.ts';

/**
 * word/fontTable.xml: the fonts the document names, with what Word and WPS need to substitute them on a
 * machine without the official fonts: the GB2312 character set (charset 86), the font family and pitch,
 * the PANOSE class and an alternative name (w:altName) that every Chinese Windows has (仿宋, 宋体, 黑体, 楷体).
 */
interface FontEntry {
  readonly name: string;
  readonly altName?: string;
  readonly panose: string;
  readonly charset: string;
  readonly family: 'modern' | 'roman' | 'swiss' | 'script' | 'auto';
  readonly pitch: 'fixed' | 'variable';
}

export const FONT_ENTRIES: readonly FontEntry[] = [
  { name: FONT.fangsong, altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.xiaobiaosong, altName: '宋体', panose: '02000000000000000000', charset: '86', family: 'script', pitch: 'variable' },
  { name: FONT.heiti, altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.kaiti, altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.songti, altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: FONT.latin, panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

export function fontTableXml(): string {
  const fonts = FONT_ENTRIES.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">` +
      (f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : '') +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
      '</w:font>',
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}
