import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { makeMiniProject } from '../helpers/mini-project.ts';
import { dateInName, exifDate } from '../../src/intake/dates.ts';

/** A JPEG with an EXIF block whose DateTimeOriginal is `when` ("2023:05:01 10:20:30"). */
function jpegWithExif(when: string): Buffer {
  const tiff = Buffer.alloc(64);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // IFD0: one entry, the Exif IFD pointer
  tiff.writeUInt16LE(0x8769, 10); tiff.writeUInt16LE(4, 12); tiff.writeUInt32LE(1, 14); tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  tiff.writeUInt16LE(1, 26); // Exif IFD: DateTimeOriginal
  tiff.writeUInt16LE(0x9003, 28); tiff.writeUInt16LE(2, 30); tiff.writeUInt32LE(20, 32); tiff.writeUInt32LE(44, 36);
  tiff.writeUInt32LE(0, 40);
  tiff.write(`${when}\0`, 44, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xd9])]);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');

async function pdfMadeOn(date: Date): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.setCreationDate(date);
  return Buffer.from(await doc.save());
}

describe('evidence dates', () => {
  it('reads EXIF DateTimeOriginal and dates in names', () => {
    expect(exifDate(jpegWithExif('2023:05:01 10:20:30'))).toBe('2023-05-01');
    expect(dateInName('IMG_20220616_093012.jpg')).toBe('2022-06-16');
    expect(dateInName('2023年3月5日会议.pdf')).toBe('2023-03-05');
    expect(dateInName('第20230231期.pdf')).toBeUndefined();
  });
});

describe('eco-dossier evidence scan', () => {
  it('appends 20 unlisted files and leaves the existing entries byte-identical', async () => {
    const p = await makeMiniProject();
    try {
      const yamlPath = path.join(p.dir, 'evidence.yaml');
      const before = `# 佐证材料（注释应保留）\n${await readFile(yamlPath, 'utf8')}`;
      await writeFile(yamlPath, before);
      const files: Record<string, Buffer> = {};
      for (let k = 1; k <= 8; k++) files[`3-生态文明建设工作占党政实绩考核的比例/考核办法${k}.pdf`] = await pdfMadeOn(new Date(Date.UTC(2022, 2, k, 4)));
      for (let k = 1; k <= 6; k++) files[`2-党委政府对生态文明建设重大目标任务部署情况/现场${k}.jpg`] = jpegWithExif(`2023:05:0${k} 10:20:30`);
      for (let k = 1; k <= 4; k++) files[`未分类/截图_2023-07-0${k}.png`] = PNG;
      files['3-生态文明建设工作占党政实绩考核的比例/会议纪要.pdf'.normalize('NFD')] = await pdfMadeOn(new Date(Date.UTC(2021, 10, 18, 4)));
      files['3-生态文明建设工作占党政实绩考核的比例/照片说明.png'] = PNG;
      for (const [rel, bytes] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(p.dir, 'evidence', rel)), { recursive: true });
        await writeFile(path.join(p.dir, 'evidence', rel), bytes);
      }
      const r = await run('evidence', 'scan', p.dir, '--json');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.added).toHaveLength(20);
      const after = await readFile(yamlPath, 'utf8');
      expect(after.startsWith(before)).toBe(true);
      const byTitle = new Map(out.added.map((e: { title: string }) => [e.title, e]));
      expect(byTitle.get('考核办法1')).toMatchObject({ indicators: [3], date: '2022-03-01', kind: '文件', dateFrom: 'pdf', issuer: '待填写' });
      expect(byTitle.get('现场2')).toMatchObject({ indicators: [2], date: '2023-05-02', kind: '照片', dateFrom: 'exif' });
      expect(byTitle.get('截图_2023-07-03')).toMatchObject({ indicators: [], date: '2023-07-03', dateFrom: 'name' });
      expect(byTitle.get('会议纪要')).toMatchObject({ indicators: [3], date: '2021-11-18' });
      expect(out.warnings.filter((w: { code: string }) => w.code === 'evidence-no-indicator')).toHaveLength(4);
      const parsed = parse(after);
      expect(parsed.evidence).toHaveLength(22);

      // a second scan finds nothing new, also for the NFD name, and changes nothing
      const again = await run('evidence', 'scan', p.dir, '--json');
      expect(JSON.parse(again.stdout).added).toEqual([]);
      expect(await readFile(yamlPath, 'utf8')).toBe(after);
    } finally {
      await p.cleanup();
    }
  });

  it('marks every date not read from the document itself as 待核对, which build refuses with 待填写, each at its entry', async () => {
    const p = await makeMiniProject();
    try {
      await mkdir(path.join(p.dir, 'evidence', '1-规划'), { recursive: true });
      // a scanned PDF: its creation date is the day it was scanned, after the bundle's date
      await writeFile(path.join(p.dir, 'evidence', '1-规划', '规划批复.pdf'), await pdfMadeOn(new Date(Date.UTC(2023, 7, 30, 4))));
      await writeFile(path.join(p.dir, 'evidence', '1-规划', '现场.jpg'), jpegWithExif('2023:05:01 10:20:30'));
      expect((await run('evidence', 'scan', p.dir, '--json')).code).toBe(0);
      const entries = parse(await readFile(path.join(p.dir, 'evidence.yaml'), 'utf8')).evidence as Record<string, unknown>[];
      const byTitle = new Map(entries.map((e) => [e.title, e]));
      expect(byTitle.get('规划批复')).toMatchObject({ date: '2023-08-30', dateSource: '待核对：PDF属性', issuer: '待填写' });
      expect(byTitle.get('现场')).toMatchObject({ date: '2023-05-01', dateSource: 'EXIF' });

      const validated = JSON.parse((await run('validate', p.dir, '--json')).stdout);
      const unchecked = validated.warnings.filter((w: { code: string }) => w.code === 'evidence-date-unchecked');
      expect(unchecked).toHaveLength(1);
      expect(unchecked[0].message).toContain('规划批复');

      const built = JSON.parse((await run('build', p.dir, '--out', path.join(p.dir, 'out'), '--json')).stdout);
      expect(built.ok).toBe(false);
      const errors = built.errors as { code: string; file: string; path: (string | number)[]; message: string }[];
      const dateError = errors.find((e) => e.code === 'evidence-date-unchecked')!;
      expect(dateError.file).toMatch(/evidence\.yaml$/);
      expect(dateError.path).toEqual(['evidence', entries.indexOf(byTitle.get('规划批复')!), 'dateSource']);
      const issuers = errors.filter((e) => e.code === 'placeholder-unfilled');
      expect(issuers.map((e) => e.path.at(-1))).toEqual(['issuer', 'issuer']);
      expect(issuers.every((e) => e.file.endsWith('evidence.yaml'))).toBe(true);
    } finally {
      await p.cleanup();
    }
  });

  it('an NFC entry matches the same file saved with an NFD name on a Mac', async () => {
    const p = await makeMiniProject();
    try {
      const name = '会议纪要.pdf';
      await writeFile(path.join(p.dir, 'evidence', name.normalize('NFD')), await pdfMadeOn(new Date()));
      const yamlPath = path.join(p.dir, 'evidence.yaml');
      await writeFile(yamlPath, `${await readFile(yamlPath, 'utf8')}  - { id: nfc, file: ${name}, indicators: [1], title: 纪要, issuer: 区政府, date: 2023-01-01, kind: 文件 }\n`);
      const r = await run('evidence', 'scan', p.dir, '--json');
      expect(JSON.parse(r.stdout).added).toEqual([]);
    } finally {
      await p.cleanup();
    }
  });
});
