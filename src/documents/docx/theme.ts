import { FONT } from './layout.ts';
import { escapeXml } from './xml.ts';

/**
 * The theme's fonts (word/theme/theme1.xml): docx writes Office's default scheme (Calibri, 等线, 游ゴシック,
 * 맑은 고딕 …), which WPS reports as 缺失字体 on a Chinese office PC. Our scheme names only the official
 * fonts the document uses (headings 黑体, body 仿宋_GB2312, Latin Times New Roman), all in the font table.
 */
export const THEME_FONTS = {
  major: { latin: FONT.latin, eastAsia: FONT.heiti },
  minor: { latin: FONT.latin, eastAsia: FONT.fangsong },
} as const;

function fontXml(tag: 'majorFont' | 'minorFont', f: { latin: string; eastAsia: string }): string {
  const latin = escapeXml(f.latin);
  const ea = escapeXml(f.eastAsia);
  return `<a:${tag}><a:latin typeface="${latin}"/><a:ea typeface="${ea}"/><a:cs typeface="${latin}"/><a:font script="Hans" typeface="${ea}"/></a:${tag}>`;
}

/** The theme with its font scheme replaced by ours. */
export function withOfficialThemeFonts(themeXml: string): string {
  const scheme = `<a:fontScheme name="公文">${fontXml('majorFont', THEME_FONTS.major)}${fontXml('minorFont', THEME_FONTS.minor)}</a:fontScheme>`;
  const replaced = themeXml.replace(/<a:fontScheme\b[\s\S]*?<\/a:fontScheme>/, scheme);
  if (replaced === themeXml) throw new Error('主题文件中没有字体方案（a:fontScheme）');
  return replaced;
}
