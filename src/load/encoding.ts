/**
 * Text files as Chinese offices save them: Notepad and WPS on Chinese Windows may write GBK/GB18030 or
 * UTF-16. We read UTF-8 only, and say which encoding was found, where, and how to save the file as UTF-8,
 * rather than showing mojibake.
 */

export type FoundEncoding = 'UTF-16LE' | 'UTF-16BE' | 'GBK/GB18030' | 'unknown';

export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly encoding: FoundEncoding; readonly line: number; readonly column: number; readonly excerpt?: string };

export const SAVE_AS_UTF8 =
  '用记事本打开该文件，选“文件 → 另存为”，把“编码”改为 UTF-8 后保存；WPS 或其他编辑器中同样选择“UTF-8”编码另存';

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (need === 2) {
      const cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    }
    if (need === 3) {
      const cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return i;
    }
    i += need + 1;
  }
  return -1;
}

function looksUtf16(bytes: Uint8Array): FoundEncoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  const n = Math.min(bytes.length, 400);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? evenZero++ : oddZero++);
  if (n >= 4 && oddZero > n / 8 && evenZero === 0) return 'UTF-16LE';
  if (n >= 4 && evenZero > n / 8 && oddZero === 0) return 'UTF-16BE';
  return undefined;
}

function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decodes a UTF-8 text file (a BOM is dropped); anything else is reported with the encoding found and the first place. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const utf16 = looksUtf16(bytes);
  if (utf16) return { ok: false, encoding: utf16, line: 1, column: 1 };
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
  const gb = tryDecode('gb18030', bytes);
  if (gb === undefined) return { ok: false, encoding: 'unknown', line, column: bad - lineStart + 1 };
  const lineEnd = bytes.indexOf(0x0a, bad);
  const before = tryDecode('gb18030', bytes.subarray(lineStart, bad)) ?? '';
  const excerpt = (tryDecode('gb18030', bytes.subarray(lineStart, lineEnd < 0 ? bytes.length : lineEnd)) ?? '').trim();
  return { ok: false, encoding: 'GBK/GB18030', line, column: [...before].length + 1, ...(excerpt ? { excerpt: [...excerpt].slice(0, 40).join('') } : {}) };
}

/** The Chinese sentence for a file that is not UTF-8. */
export function encodingMessage(found: Exclude<Decoded, { ok: true }>): string {
  const what =
    found.encoding === 'unknown'
      ? '文件不是 UTF-8 编码，也不是可识别的中文编码（可能已损坏或不是文本文件）'
      : `文件是 ${found.encoding} 编码，本工具只读 UTF-8 编码的文件${found.encoding === 'GBK/GB18030' ? '（中文 Windows 的记事本、WPS 常这样保存）' : '（“Unicode”格式的记事本文件即是如此）'}`;
  return found.excerpt ? `${what}；该行按 ${found.encoding} 读出为“${found.excerpt}”` : what;
}
