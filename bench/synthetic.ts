import { createCipheriv } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { crc32 } from '../src/documents/pdf/png.ts';

/**
 * A deterministic synthetic project of a requested size: the sample's 35 indicators, its results, and
 * evidence in the mix real packages have: multi-page scanned PDFs (a JPEG per page), large JPEG photos,
 * PNG photos and small text PDFs. The image bytes are pseudo-random (AES-CTR over zeros, fixed key):
 * incompressible like real JPEG data, with real JPEG/PNG headers so every reader sizes them correctly.
 */
export interface SyntheticOptions {
  readonly files: number;
  readonly megabytes: number;
  readonly dir: string;
}

const SAMPLE = path.resolve('fixtures/yanzhou-2023');

function randomBytes(seed: number, length: number): Buffer {
  const key = Buffer.alloc(16, 7);
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(seed, 0);
  return createCipheriv('aes-128-ctr', key, iv).update(Buffer.alloc(length));
}

/** A baseline JPEG: the sample photo's tables with new dimensions, then pseudo-random scan data. */
function syntheticJpeg(template: Buffer, width: number, height: number, bytes: number, seed: number): Buffer {
  let pos = 2;
  const head: Buffer[] = [template.subarray(0, 2)];
  while (pos < template.length) {
    const marker = template[pos + 1]!;
    const length = template.readUInt16BE(pos + 2);
    const segment = Buffer.from(template.subarray(pos, pos + 2 + length));
    if (marker === 0xc0 || marker === 0xc2) {
      segment.writeUInt16BE(height, 5);
      segment.writeUInt16BE(width, 7);
    }
    if (marker !== 0xe1) head.push(segment); // no EXIF: orientation stays upright
    pos += 2 + length;
    if (marker === 0xda) break;
  }
  const scan = randomBytes(seed, bytes);
  for (let i = 0; i < scan.length; i++) if (scan[i] === 0xff) scan[i] = 0xfe;
  return Buffer.concat([...head, scan, Buffer.from([0xff, 0xd9])]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function syntheticPng(width: number, height: number, seed: number): Buffer {
  const row = width * 3 + 1;
  const raw = randomBytes(seed, row * height);
  for (let y = 0; y < height; y++) raw[y * row] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 1 })), pngChunk('IEND', Buffer.alloc(0))]);
}

async function scannedPdf(jpegs: readonly Buffer[]): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const jpeg of jpegs) {
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function textPdf(title: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${title} - page ${p + 1} (synthetic benchmark document)`, { x: 60, y: 780, size: 12, font });
    for (let l = 0; l < 40; l++) page.drawText(`Line ${l + 1}: lorem ipsum dolor sit amet, consectetur adipiscing elit.`, { x: 60, y: 740 - l * 16, size: 10, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * The sample's project, indicators, results and narrative, copied again before every run: the evidence is
 * kept between runs of one size, but these follow the sample as the rules and the catalogue change.
 */
export function copySampleText(dir: string): void {
  for (const name of ['project.yaml', 'indicators.yaml', 'results.yaml']) cpSync(path.join(SAMPLE, name), path.join(dir, name));
  // the report's narrative parts (narrative/*.txt): build refuses a report without them
  cpSync(path.join(SAMPLE, 'narrative'), path.join(dir, 'narrative'), { recursive: true });
}

/** Writes the project; returns the evidence bytes actually written. */
export async function makeSyntheticProject(options: SyntheticOptions): Promise<{ files: number; bytes: number }> {
  const { dir, files } = options;
  const target = options.megabytes * 1e6;
  mkdirSync(path.join(dir, 'evidence'), { recursive: true });
  copySampleText(dir);
  const template = readFileSync(path.join(SAMPLE, 'evidence', '区水务局', '河长公示牌.jpg'));
  // share of the bytes per kind, and of the files per kind: scans 45 % / 40 %, photos 40 % / 30 %, PNG 14 % / 10 %, text 1 % / 20 %
  const kinds = Array.from({ length: files }, (_, i) => (['scan', 'photo', 'text', 'scan', 'photo', 'png', 'scan', 'text', 'photo', 'scan'] as const)[i % 10]);
  const count = (k: string) => kinds.filter((x) => x === k).length || 1;
  const per = { scan: (target * 0.45) / count('scan'), photo: (target * 0.4) / count('photo'), png: (target * 0.14) / count('png') };
  const items: string[] = [];
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const kind = kinds[i]!;
    const indicator = (i % 35) + 1;
    const folder = `指标${String(indicator).padStart(2, '0')}`;
    mkdirSync(path.join(dir, 'evidence', folder), { recursive: true });
    let name: string;
    let content: Buffer;
    if (kind === 'scan') {
      const pages = 3 + (i % 8);
      const pageBytes = Math.max(20_000, Math.floor(per.scan / pages));
      content = await scannedPdf(Array.from({ length: pages }, (_, p) => syntheticJpeg(template, 2480, 3508, pageBytes, i * 100 + p)));
      name = `scan-${i}.pdf`;
    } else if (kind === 'photo') {
      content = syntheticJpeg(template, 4000, 3000, Math.max(50_000, Math.floor(per.photo)), i * 100);
      name = `photo-${i}.jpg`;
    } else if (kind === 'png') {
      const pixels = Math.max(10_000, Math.floor(per.png / 3));
      const width = Math.round(Math.sqrt((pixels * 4) / 3));
      content = syntheticPng(width, Math.max(1, Math.round(pixels / width)), i * 100);
      name = `image-${i}.png`;
    } else {
      content = await textPdf(`Document ${i}`, 1 + (i % 3));
      name = `text-${i}.pdf`;
    }
    writeFileSync(path.join(dir, 'evidence', folder, name), content);
    bytes += content.length;
    items.push(
      `  - { id: S${String(i).padStart(4, '0')}, file: ${folder}/${name}, indicators: [${indicator}], title: 合成测试材料${i}, issuer: 基准测试, date: 2023-06-01, kind: ${kind === 'photo' || kind === 'png' ? '照片' : '文件'} }`,
    );
  }
  writeFileSync(path.join(dir, 'evidence.yaml'), `# 基准测试用的合成材料（非真实文件）\nevidence:\n${items.join('\n')}\n`);
  return { files, bytes };
}
