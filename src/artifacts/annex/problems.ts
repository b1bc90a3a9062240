import type { IssueCode } from '../../model/index.ts';
import type { PDFPage } from 'pdf-lib';
import { displayPath } from '../../common/index.ts';
import type { Issue, Severity } from '../../model/index.ts';
import type { EvidenceFile } from '../../model/index.ts';
import { TOO_LARGE_HINT } from '../../load/index.ts';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { drawLine, drawParagraph, type TextStyle } from '../../documents/pdf/index.ts';
import { A4, CONTENT_WIDTH, MARGIN, RED, styles } from './layout.ts';

/**
 * Evidence the annex cannot place: an encrypted, truncated or corrupt PDF, an undecodable image, an empty file.
 * Each becomes an Issue naming the file, with a Chinese message and what to do. Without --allow-missing the
 * annex stops; with it the item is replaced by a page saying 材料无法读取 and the issue is a warning.
 */
export type ProblemKind = 'empty' | 'unreadable-file' | 'encrypted' | 'password' | 'pdf-corrupt' | 'pdf-no-pages' | 'image-corrupt' | 'image-too-large' | 'unsupported' | 'too-large';

export interface EvidenceProblem {
  readonly kind: ProblemKind;
  /** technical detail (from the parser), shown after the message */
  readonly detail?: string;
}

const CODES: Record<ProblemKind, IssueCode> = {
  empty: 'evidence-empty',
  'unreadable-file': 'evidence-unreadable',
  encrypted: 'evidence-encrypted',
  password: 'evidence-encrypted',
  'pdf-corrupt': 'evidence-pdf-corrupt',
  'pdf-no-pages': 'evidence-pdf-corrupt',
  'image-corrupt': 'evidence-image-corrupt',
  'image-too-large': 'evidence-image-too-large',
  unsupported: 'evidence-unsupported',
  'too-large': 'evidence-too-large',
};

const TYPE_NAME: Record<EvidenceFile['type'], string> = { pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片' };

/** Short reason, for the placeholder page and the message. */
export function problemReason(problem: EvidenceProblem, type: EvidenceFile['type']): string {
  switch (problem.kind) {
    case 'empty': return '文件是空的（0 字节）';
    case 'unreadable-file': return '文件无法打开';
    case 'encrypted': return 'PDF 已加密（设有权限限制），且本机没有 qpdf 可以解除';
    case 'password': return 'PDF 设有打开密码，无法读取';
    case 'pdf-corrupt': return 'PDF 文件已损坏或不完整';
    case 'pdf-no-pages': return 'PDF 中没有任何页面';
    case 'image-corrupt': return `${TYPE_NAME[type]}已损坏或不完整，无法解码`;
    case 'image-too-large': return `${TYPE_NAME[type]}像素过多，阅读器无法显示`;
    case 'unsupported': return '文件格式不受支持';
    case 'too-large': return '文件超过单个佐证材料 2 GB 的上限';
  }
}

/** What to do about it. */
export function problemHint(problem: EvidenceProblem): string {
  switch (problem.kind) {
    case 'empty': return '重新导出或扫描该材料后替换文件';
    case 'unreadable-file': return '检查文件是否存在、是否有读取权限';
    case 'encrypted': return '安装 qpdf 后重试，或在 PDF 阅读器中另存为未加密的 PDF 后替换';
    case 'password': return '请出具单位提供未加密的 PDF，或输入密码后另存为未加密的 PDF 再替换';
    case 'pdf-corrupt':
    case 'pdf-no-pages': return '从原始来源重新导出或重新扫描该 PDF 后替换';
    case 'image-corrupt': return '用原始照片替换，或在看图软件中另存为 JPEG/PNG 后替换';
    case 'image-too-large': return '在看图软件中缩小尺寸（如长边 6000 像素以内）后另存为 JPEG 替换';
    case 'unsupported': return '佐证材料只接受 PDF、JPEG 和 PNG；请先转换为 PDF';
    case 'too-large': return TOO_LARGE_HINT;
  }
}

export function problemIssue(evidence: EvidenceFile, problem: EvidenceProblem, severity: Severity): Issue {
  const reason = problemReason(problem, evidence.type);
  const detail = problem.detail ? `（${problem.detail}）` : '';
  const replaced = severity === 'error' ? '，佐证材料汇编未生成' : '，已在汇编中以“材料无法读取”说明页代替';
  return {
    code: CODES[problem.kind],
    severity,
    file: displayPath(evidence.absPath),
    path: [],
    message: `佐证材料 ${evidence.id}（${evidence.title}）无法编入：${reason}${detail}${replaced}`,
    hint: problemHint(problem),
  };
}

/** The page standing in for evidence that cannot be read (only with allowMissing). */
export function drawPlaceholder(page: PDFPage, fonts: PdfFonts, evidence: EvidenceFile, problem: EvidenceProblem, projectDir: string): void {
  const s = styles(fonts);
  const big: TextStyle = { font: fonts.heading, size: 24, lineHeight: 36, align: 'center', color: RED };
  let y = A4.height - 250;
  drawLine(page, '材料无法读取', MARGIN.left, y, CONTENT_WIDTH, big);
  y -= 60;

  const rows: [string, string][] = [
    ['佐证材料', `${evidence.title}（${evidence.id}）`],
    ['文件', displayPath(evidence.absPath, projectDir)],
    ['原因', `${problemReason(problem, evidence.type)}${problem.detail ? `（${problem.detail}）` : ''}`],
    ['处理办法', problemHint(problem)],
  ];
  for (const [label, value] of rows) {
    drawLine(page, `${label}：`, MARGIN.left, y, 70, s.label);
    y = drawParagraph(page, value, MARGIN.left + 70, y, CONTENT_WIDTH - 70, s.body) - 6;
  }
}
