import { crc32, deflateRawSync, deflateSync } from 'node:zlib';


/**
 * Hostile and damaged inputs, built byte by byte in the tests (no file from outside): PDFs with a given
 * object table, PNGs and JPEGs whose headers lie.
 */

/**
 * A PDF from its objects (`n 0 obj … endobj`, numbered from 1), with a correct cross-reference table
 * unless `xref` says otherwise, and the trailer given (default: `/Root 1 0 R`).
 */
export function pdfOf(objects: readonly string[], options: { trailer?: string; xref?: 'right' | 'wrong-offsets' } = {}): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, k) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${k + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  const entry = (n: number) => `${String(options.xref === 'wrong-offsets' ? n + 37 : n).padStart(10, '0')} 00000 n \n`;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(entry).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} ${options.trailer ?? '/Root 1 0 R'} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PAGE_CONTENT = '<< /Length 8 >>\nstream\n0 0 m S\nendstream';

/** One A4 page; `page` adds keys to the page dictionary, `extra` appends objects (numbered from 5). */
export function onePagePdf(page = '', extra: readonly string[] = [], catalog = ''): Buffer {
  return pdfOf([
    `<< /Type /Catalog /Pages 2 0 R ${catalog}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ${page}>>`,
    PAGE_CONTENT,
    ...extra,
  ]);
}

export const CRAFTED_PDFS = {
  /** the page tree's Kids point back at the tree itself */
  loopingPageTree: () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']),
  /** no /Root in the trailer and no catalog object */
  noCatalog: () => pdfOf(['<< /Type /Pages /Kids [2 0 R] /Count 1 >>', '<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595 842] >>'], { trailer: '' }),
  /** a media box of zero width and height */
  zeroPageBox: () => pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0 0] /Contents 4 0 R >>', PAGE_CONTENT,
  ]),
  /** page-level JavaScript (/AA open action), a Launch link and a file embedded in an annotation */
  activeContent: () => onePagePdf('/AA << /O 5 0 R >> /Annots [6 0 R 7 0 R 9 0 R]', [
    '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
    '<< /Type /Annot /Subtype /Link /Rect [10 10 100 100] /A << /S /Launch /F (calc.exe) >> >>',
    '<< /Type /Annot /Subtype /FileAttachment /Rect [100 100 120 120] /FS 8 0 R >>',
    '<< /Type /Filespec /F (x.exe) /EF << /F 10 0 R >> >>',
    '<< /Type /Annot /Subtype /Link /Rect [200 200 300 300] /A << /S /URI /URI (https://www.mee.gov.cn/) >> >>',
    '<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ..\nendstream',
  ]),
  /** one page, readable, but every offset in its cross-reference table is wrong (qpdf reads it with warnings) */
  brokenXref: () => pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', PAGE_CONTENT,
  ], { xref: 'wrong-offsets' }),
};

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** A PNG whose header says width × height (colour type 2, 8 bit) and whose pixel data is `rows` deflated. */
export function pngOf(width: number, height: number, pixels: Buffer, colorType = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Raw PNG scanlines (filter byte 0) of a grey-blue picture, `channels` bytes a pixel. */
export function pngRows(width: number, height: number, channels = 3): Buffer {
  const row = Buffer.alloc(1 + width * channels, 0x80);
  row[0] = 0;
  return Buffer.concat(Array.from({ length: height }, () => row));
}

/**
 * A zip written entry by entry, exactly as given (two entries of one name included), each deflated:
 * what no zip library will write for a test.
 */
export function zipOf(entries: readonly { readonly name: string; readonly data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
