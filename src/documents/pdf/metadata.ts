import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from 'pdf-lib';

/**
 * Document information with no wall-clock time and no randomness, so that the same inputs give the same
 * bytes. Create the document with `PDFDocument.create({ updateMetadata: false })`.
 */
export interface FixedMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords?: readonly string[];
  /** `eco-dossier <version>`: written as both Creator and Producer */
  readonly producer: string;
  /** YYYY-MM-DD: CreationDate and ModDate (midnight UTC) */
  readonly date: string;
  /** what the document is made from; the /ID is derived from it (first element: `identity` alone) */
  readonly identity: string;
  readonly contentKey: string;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex').toUpperCase();
}

export function setFixedMetadata(doc: PDFDocument, meta: FixedMetadata): void {
  const date = new Date(`${meta.date}T00:00:00Z`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords([...meta.keywords]);
  doc.setCreator(meta.producer);
  doc.setProducer(meta.producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('zh-CN');
  // the file identifier: permanent part from what the document is, changing part from what it contains
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(md5Hex(meta.identity)), PDFHexString.of(md5Hex(meta.contentKey))]);
}
