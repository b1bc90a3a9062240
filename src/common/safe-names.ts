/**
 * File and folder names that open on any reviewer's machine: Windows forbids <>:"/\|?* and control
 * characters, names like CON or LPT1, and trailing dots or spaces; Explorer struggles past 260 characters.
 * Forbidden characters become their full-width forms, so 《关于…：通知》 stays readable.
 */
const FULL_WIDTH: Record<string, string> = {
  '<': '＜', '>': '＞', ':': '：', '"': '＂', '/': '／', '\\': '＼', '|': '｜', '?': '？', '*': '＊',
};
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Longest name of one segment, in characters (NTFS allows 255 UTF-16 units; leave room for -2 suffixes). */
export const MAX_SEGMENT = 80;
/** and in UTF-8 bytes: Linux and macOS allow 255, and 80 emoji or other 4-byte characters take 320 */
const MAX_SEGMENT_BYTES = 240;

/** One path segment made safe: NFC, no forbidden characters, no reserved name, no trailing dot or space, bounded length. */
export function safeSegment(name: string, fallback = '未命名', maxLength = MAX_SEGMENT): string {
  let s = name.normalize('NFC').replace(/[<>:"/\\|?*]/g, (c) => FULL_WIDTH[c]!);
  s = s.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '_').trim();
  s = s.replace(/[. ]+$/, '');
  if (!s) s = fallback;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 ? s.slice(dot) : '';
  // Windows reserves CON, NUL … whatever follows the first dot, and ignores trailing spaces there
  if (RESERVED.test(s.split('.')[0]!.trimEnd())) s = `_${s}`;
  const chars = [...s];
  if (chars.length > maxLength) {
    const extChars = [...ext];
    const keep = extChars.length < 12 ? extChars.length : 0;
    s = [...chars.slice(0, maxLength - keep)].join('').replace(/[. ]+$/, '') + (keep ? ext : '');
  }
  if (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) {
    const keep = Buffer.byteLength(ext) < 24 ? ext : '';
    const stem = [...s.slice(0, s.length - keep.length)];
    while (stem.length && Buffer.byteLength(stem.join('') + keep) > MAX_SEGMENT_BYTES) stem.pop();
    s = (stem.join('').replace(/[. ]+$/, '') || fallback) + keep;
  }
  return s;
}

/**
 * Gives each wanted path a unique safe one, deterministically in input order: the first keeps its
 * name, later ones that collide (ignoring case, as Windows does) get -2, -3 … before the extension.
 */
export function uniquePaths(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((p) => {
    const parts = p.split('/').map((seg) => safeSegment(seg));
    const joined = parts.join('/');
    let candidate = joined;
    const dot = joined.lastIndexOf('.');
    const slash = joined.lastIndexOf('/');
    const [stem, ext] = dot > slash + 1 ? [joined.slice(0, dot), joined.slice(dot)] : [joined, ''];
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
