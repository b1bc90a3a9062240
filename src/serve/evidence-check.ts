import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';
import { sniffFileType } from '../load/index.ts';
import type { EvidenceFile } from '../model/index.ts';
import { checkImage, checkImageData } from '../artifacts/annex/index.ts';
import { openEvidencePdf } from '../artifacts/annex/index.ts';
import { problemHint, problemReason } from '../artifacts/annex/index.ts';

/**
 * An evidence upload opened as the build opens it, before the office sees it: the type from the content, which
 * must agree with the name; a PDF parsed and every page listed and checked (as the annex does, qpdf included);
 * an image's structure and real pixel data checked within the annex's pixel limit. A PDF that would run
 * something when opened (JavaScript, an action on open, an attached file) is refused: the bundle ships the
 * original files to the reviewers unchanged.
 */

export type ContentVerdict =
  | { readonly ok: true; readonly type: 'pdf' | 'jpeg' | 'png'; readonly summary: string }
  | { readonly ok: false; readonly reason: string };

const TYPE_NAME = { pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片' } as const;
const EXTENSIONS = { pdf: ['.pdf'], jpeg: ['.jpg', '.jpeg'], png: ['.png'] } as const;

export async function checkEvidenceContent(name: string, bytes: Uint8Array, fileOnDisk: string): Promise<ContentVerdict> {
  const type = sniffFileType(bytes.subarray(0, 1024));
  if (type !== 'pdf' && type !== 'jpeg' && type !== 'png') return { ok: false, reason: `文件“${name}”的内容不是 PDF、JPEG 或 PNG（看文件内容，而不是扩展名）` };
  const ext = /\.[^.]*$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!(EXTENSIONS[type] as readonly string[]).includes(ext)) {
    return { ok: false, reason: `文件“${name}”的内容是${TYPE_NAME[type]}，与扩展名“${ext}”不符；请把文件另存为与内容相符的格式（${EXTENSIONS[type][0]}）后重新上传` };
  }
  const stub = { id: '上传', title: name, file: name, absPath: fileOnDisk, bytes: bytes.length, type } as unknown as EvidenceFile;
  if (type === 'pdf') {
    const opened = await openEvidencePdf(stub, bytes);
    if (!opened.ok) return { ok: false, reason: `文件“${name}”无法编入材料：${problemReason(opened.problem, 'pdf')}；${problemHint(opened.problem)}` };
    const active = documentActiveContent(opened.value);
    const onPages = opened.notes.find((n) => n.code === 'evidence-active-content');
    if (active.length || onPages) {
      const what = [...active, ...(onPages ? ['页面上的脚本或动作'] : [])].join('、');
      return { ok: false, reason: `PDF“${name}”含有${what}，打开时可能自动运行，不能接收；请在 WPS 或 PDF 阅读器中“打印”为新的 PDF（只保留页面内容）后重新上传` };
    }
    return { ok: true, type, summary: `PDF，${opened.value.getPageCount()} 页` };
  }
  const image = checkImage(type, bytes);
  const problem = 'kind' in image ? image : await checkImageData(image, bytes);
  if (problem) return { ok: false, reason: `文件“${name}”无法编入材料：${problemReason(problem, type)}；${problemHint(problem)}` };
  const { width, height } = image as { width: number; height: number };
  return { ok: true, type, summary: `${TYPE_NAME[type]}，${width}×${height} 像素` };
}

/** What the document itself would run: /OpenAction (other than showing a page), /AA, named JavaScript, attached files. */
export function documentActiveContent(doc: PDFDocument): string[] {
  const lookup = (v: unknown) => (v instanceof PDFRef ? doc.context.lookup(v) : v);
  const catalog = doc.catalog;
  const found: string[] = [];
  const open = lookup(catalog.get(PDFName.of('OpenAction')));
  if (open instanceof PDFDict) {
    const s = lookup(open.get(PDFName.of('S')));
    const kind = s instanceof PDFName ? s.decodeText() : '';
    if (kind === 'JavaScript') found.push('打开时运行的 JavaScript 脚本');
    else if (kind !== 'GoTo') found.push(`打开时执行的动作（${kind || '未知'}）`);
  } else if (open !== undefined && !(open instanceof PDFArray)) {
    found.push('打开时执行的动作');
  }
  if (catalog.has(PDFName.of('AA'))) found.push('文档级的自动动作');
  const names = lookup(catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) {
    if (names.has(PDFName.of('JavaScript'))) found.push('文档级的 JavaScript 脚本');
    if (names.has(PDFName.of('EmbeddedFiles'))) found.push('嵌入的附件');
  }
  return found;
}
