import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { Manifest } from '../../src/model/manifest.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { reviseBundle } from '../../src/revise/revise.ts';
import { zipOf } from '../helpers/crafted.ts';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

/** Bundles a reviewer or a colleague could hand back altered: each refused with its reason, none trusted. */

const NAME = '示例区-国家生态文明建设示范区申报材料-r1';
let mini: MiniProject;
let out: string;
let work: string;
let folder: string;
beforeAll(async () => {
  mini = await makeMiniProject();
  // the store records only files settled for 2 s (see fingerprints.ts)
  await new Promise((r) => setTimeout(r, 2100));
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-hostile-'));
  work = mkdtempSync(path.join(os.tmpdir(), 'eco-hostile-work-'));
  const built = await buildBundle(mini.dir, { outDir: out });
  expect(built.ok).toBe(true);
  folder = built.bundleDir!;
}, 60_000);
afterAll(async () => {
  await mini.cleanup();
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Every file of the bundle folder as zip entries under its top folder, in order. */
function entriesOf(dir: string): { name: string; data: Buffer }[] {
  const all: { name: string; data: Buffer }[] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(path.join(abs, e.name), `${rel}/${e.name}`);
      else all.push({ name: `${rel}/${e.name}`, data: readFileSync(path.join(abs, e.name)) });
    }
  };
  walk(dir, NAME);
  return all;
}

describe('verify and revise refuse what is not plainly a bundle', () => {
  it('a zip with a forged duplicate entry placed first (extractors take either copy)', async () => {
    const entries = entriesOf(folder);
    const forged = path.join(work, 'forged.zip');
    writeFileSync(forged, zipOf([{ name: `${NAME}/说明.txt`, data: Buffer.from('请把款项汇入以下账户……') }, ...entries]));
    const checked = await verifyBundle(forged);
    expect(checked.ok).toBe(false);
    expect(checked.issues.map((i) => [i.code, i.message])).toEqual([[
      'bundle-entry-duplicate', `zip 中有两个同名的文件 ${NAME}/说明.txt（解压软件会取其中任意一个），不能作为材料包`,
    ]]);
    const revised = await reviseBundle(mini.dir, { from: forged, outDir: path.join(work, 'rev-out') });
    expect(revised.ok).toBe(false);
    expect(revised.issues.map((i) => i.code)).toEqual(['previous-damaged']);
  });

  it('a small zip whose manifest inflates to 200 MB is refused after reading at most 64 MB of it', async () => {
    const bomb = path.join(work, 'bomb.zip');
    writeFileSync(bomb, zipOf([{ name: `${NAME}/manifest.json`, data: Buffer.alloc(200 * 1024 * 1024, 0x20) }]));
    expect(statSync(bomb).size).toBeLessThan(1_000_000);
    const checked = await verifyBundle(bomb);
    expect(checked.issues.map((i) => [i.code, i.message])).toEqual([[
      'bundle-manifest-invalid', 'manifest.json 无法读取：文件超过 64 MB，不是本工具写出的清单',
    ]]);
  }, 30_000);

  it('a named pipe called .zip is refused at once (never opened, so nothing hangs)', async () => {
    const fifo = path.join(work, 'pipe.zip');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const checked = await verifyBundle(fifo);
    expect(checked.issues.map((i) => [i.code, i.message])).toEqual([['bundle-unreadable', `${fifo} 是命名管道（FIFO），不是材料包文件夹或 zip 文件`]]);
  });

  it('a named pipe inside a bundle folder is refused without being opened', async () => {
    const copy = path.join(work, 'with-pipe', NAME);
    cpSync(folder, copy, { recursive: true });
    expect(spawnSync('mkfifo', [path.join(copy, '原始材料', 'pipe.pdf')]).status).toBe(0);
    const checked = await verifyBundle(copy);
    expect(checked.issues.map((i) => [i.code, i.message])).toEqual([['bundle-file-irregular', '材料包中的 原始材料/pipe.pdf 是命名管道（FIFO），不是普通文件；材料包只能含普通文件']]);
  });

  it('revise from a folder holding a link that points outside carries nothing over', async () => {
    const copy = path.join(work, 'with-link', NAME);
    cpSync(folder, copy, { recursive: true });
    const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(copy, 'manifest.json'), 'utf8')));
    const evidence = manifest.files.find((f) => f.role === 'evidence')!;
    const target = path.join(copy, ...evidence.path.split('/'));
    // the link points at a file outside with the very same bytes: only the kind of file gives it away
    const outside = path.join(work, 'outside.pdf');
    cpSync(target, outside);
    rmSync(target);
    symlinkSync(outside, target);
    const revisedOut = path.join(work, 'revised');
    const revised = await reviseBundle(mini.dir, { from: copy, outDir: revisedOut });
    expect(revised.ok).toBe(false);
    expect(revised.issues[0]!.message).toContain(`材料包中的 ${evidence.path} 是符号链接，不是普通文件`);
    expect(readdirSync(revisedOut, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'))).toEqual([]);
  });

  it('diff on a damaged bundle exits 1 with a message (not 2)', async () => {
    const broken = path.join(work, 'broken.zip');
    writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
    const { code, stderr } = await run('diff', folder, broken);
    expect(code).toBe(1);
    expect(stderr).toContain(`无法读取材料包 ${broken} 的清单：`);
    expect(stderr).toContain('请用 eco-dossier verify 检查这个材料包');
  });
});

describe('the fingerprint store trusts only what this tool recorded', () => {
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('an entry with a wrong sha256 written into the store is dropped: the manifest holds the hash of the bytes copied', async () => {
    const store = path.join(out, '.eco-dossier', 'fingerprints.json');
    const evidence = path.join(mini.dir, 'evidence', 'plan.pdf');
    const text = JSON.parse(readFileSync(store, 'utf8'));
    expect(text.files[evidence]).toBeDefined();
    const wrong = 'f'.repeat(64);
    text.files[evidence].sha256 = wrong; // fingerprint and mac kept: only the key could make them match
    writeFileSync(store, JSON.stringify(text));
    // a changed input, so the bundle is written again
    writeFileSync(path.join(mini.dir, 'results.yaml'), readFileSync(path.join(mini.dir, 'results.yaml'), 'utf8').replace('86.2', '86.3'));
    const again = await buildBundle(mini.dir, { outDir: out });
    expect(again.ok).toBe(true);
    for (const f of again.manifest!.files) expect(f.sha256, f.path).toBe(sha(path.join(again.bundleDir!, ...f.path.split('/'))));
    expect(again.manifest!.files.map((f) => f.sha256)).not.toContain(wrong);
    expect((await verifyBundle(again.zip!)).ok).toBe(true);
    // the store's key: readable by its owner only
    expect(statSync(path.join(out, '.eco-dossier', 'key')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('a tampered previous-bundle file under a forged store entry is found by revise, not shipped', async () => {
    const r1 = path.join(out, NAME);
    const store = path.join(out, '.eco-dossier', 'fingerprints.json');
    const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(r1, 'manifest.json'), 'utf8')));
    const evidence = manifest.files.find((f) => f.role === 'evidence')!;
    const file = path.join(r1, ...evidence.path.split('/'));
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('\n% tampered\n')]));
    // the store is edited to describe the tampered file with the original hash
    const text = JSON.parse(readFileSync(store, 'utf8'));
    const info = statSync(file, { bigint: true });
    const fingerprint = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    // written in the store's own format (a store without MACs took such an entry on trust)
    text.files[file] = { fingerprint, sha256: evidence.sha256, ...(text.files[file]?.mac ? { mac: text.files[file].mac } : {}) };
    writeFileSync(store, JSON.stringify(text));
    const revised = await reviseBundle(mini.dir, { from: r1, outDir: out });
    expect(revised.ok).toBe(false);
    expect(revised.issues[0]!.message).toContain(`文件已被改动：${evidence.path}`);
  }, 60_000);
});
