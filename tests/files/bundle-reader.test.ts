import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { zipEntryName } from '../../src/files/bundle-reader.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { makeMiniProject } from '../helpers/mini-project.ts';

/** GBK bytes of `text` (the reverse of the WHATWG GBK decoder, built on demand). */
let gbkTable: Map<string, Buffer> | undefined;
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk', { fatal: true });
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      try {
        const c = d.decode(Uint8Array.of(a, b));
        if (!gbkTable.has(c)) gbkTable.set(c, Buffer.from([a, b]));
      } catch { /* not a character */ }
    }
  }
  return Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c, 'latin1') : gbkTable!.get(c)!)));
}

/** A stored zip of `files` (name bytes as given, general purpose flags 0: no UTF-8 flag), as Explorer on Chinese Windows writes it. */
function legacyZip(files: readonly { name: Buffer; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(f.data.length, 18); local.writeUInt32LE(f.data.length, 22); local.writeUInt16LE(f.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(f.data.length, 20); central.writeUInt32LE(f.data.length, 24); central.writeUInt16LE(f.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, f.name, f.data);
    centrals.push(central, f.name);
    offset += 30 + f.name.length + f.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10); end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function walk(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).sort().flatMap((n) => (statSync(path.join(dir, rel, n)).isDirectory() ? walk(dir, path.posix.join(rel, n)) : [path.posix.join(rel, n)]));
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'eco-gbk-zip-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('zip entry names', () => {
  it('UTF-8 with the flag or when valid; GB18030 when not UTF-8 but valid GB18030; else code page 437', () => {
    expect(zipEntryName(Buffer.from('说明.txt'), 0x800)).toEqual({ name: '说明.txt' });
    expect(zipEntryName(Buffer.from('说明.txt'), 0)).toEqual({ name: '说明.txt' });
    expect(zipEntryName(gbk('说明.txt'), 0)).toEqual({ name: '说明.txt', gb: true });
    expect(zipEntryName(Buffer.from([0x41, 0xff, 0x80]), 0)).toEqual({ name: 'A\u00a0Ç' });
  });

  it('verify accepts a bundle re-zipped on Chinese Windows (GBK names, no UTF-8 flag), with a note', async () => {
    const project = await makeMiniProject();
    try {
      const built = await buildBundle(project.dir, { outDir: path.join(temp, 'out') });
      expect(built.ok).toBe(true);
      const name = path.basename(built.bundleDir!);
      const files = walk(built.bundleDir!).map((rel) => ({ name: gbk(`${name}/${rel}`), data: readFileSync(path.join(built.bundleDir!, rel)) }));
      const zip = path.join(temp, 'gbk.zip');
      writeFileSync(zip, legacyZip(files));
      const result = await verifyBundle(zip);
      expect(result.missing).toEqual([]);
      expect(result.extra).toEqual([]);
      expect(result.ok).toBe(true);
      const note = result.issues.find((i) => i.code === 'bundle-names-gb18030');
      expect(note).toMatchObject({ severity: 'info' });
      expect(note!.message).toContain('GB18030');
    } finally {
      await project.cleanup();
    }
  }, 120_000);
});
