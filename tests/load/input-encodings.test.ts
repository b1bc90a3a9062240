import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.ts';
import { makeMiniProject } from '../helpers/mini-project.ts';

/** Input the way Chinese offices save it: GBK/GB18030 and UTF-16 files, sample text left behind, YAML resource attacks. */
async function withProject(edit: (dir: string) => Promise<void>) {
  const p = await makeMiniProject();
  try {
    await edit(p.dir);
    return await loadProject(p.dir);
  } finally {
    await p.cleanup();
  }
}

describe('file encodings', () => {
  it('GBK/GB18030: located error naming the encoding, the line read correctly, how to save as UTF-8', async () => {
    const out = await withProject(async (dir) => {
      const text = await readFile(path.join(dir, 'project.yaml'), 'utf8');
      // GB18030 bytes for the whole file, as Notepad on Chinese Windows writes them ("ANSI")
      await writeFile(path.join(dir, 'project.yaml'), encodeGb18030(text));
    });
    const issue = out.issues.find((i) => i.code === 'file-encoding')!;
    expect(issue).toMatchObject({ severity: 'error', line: 3, column: 9, actual: 'GBK/GB18030', expected: 'UTF-8' });
    expect(issue.file).toMatch(/project\.yaml$/);
    expect(issue.message).toBe('文件是 GBK/GB18030 编码，本工具只读 UTF-8 编码的文件（中文 Windows 的记事本、WPS 常这样保存）；该行按 GBK/GB18030 读出为“name: 测试市示例区”');
    expect(issue.hint).toBe('用记事本打开该文件，选“文件 → 另存为”，把“编码”改为 UTF-8 后保存；WPS 或其他编辑器中同样选择“UTF-8”编码另存');
    expect(out.data).toBeUndefined();
  });

  it('UTF-16 (Notepad "Unicode"): an error at line 1 naming UTF-16LE', async () => {
    const out = await withProject(async (dir) => {
      const text = await readFile(path.join(dir, 'results.yaml'), 'utf8');
      await writeFile(path.join(dir, 'results.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    });
    const issue = out.issues.find((i) => i.code === 'file-encoding')!;
    expect(issue).toMatchObject({ line: 1, column: 1, actual: 'UTF-16LE' });
    expect(issue.message).toBe('文件是 UTF-16LE 编码，本工具只读 UTF-8 编码的文件（“Unicode”格式的记事本文件即是如此）');
  });
});

describe('YAML resource attacks', () => {
  it('an alias bomb is an input error in Chinese naming the file', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, k) => `${c}: &${c} [*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)},*${String.fromCharCode(97 + k)}]`), 'results: []'].join('\n');
    const out = await withProject((dir) => writeFile(path.join(dir, 'results.yaml'), bomb));
    const issue = out.issues.find((i) => i.code === 'yaml-resource-limit')!;
    expect(issue.file).toMatch(/results\.yaml$/);
    expect(issue.message).toBe('YAML 文件超出安全限制：锚点（&）和别名（*）展开后的数据量过大，已拒绝读取（可能是构造的恶意文件，或误把其他数据粘贴进来）');
  });
});

describe('sample: false', () => {
  it('text still marked 示例 is an error at its place', async () => {
    const out = await withProject(async (dir) => {
      const file = path.join(dir, 'project.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('sample: true', 'sample: false').replace('batch: 第七批', 'batch: 第七批（示例）'));
    });
    const marked = out.issues.filter((i) => i.code === 'sample-text-left');
    expect(marked).toHaveLength(1); // 测试市示例区 is a name, not a mark
    expect(marked[0]).toMatchObject({ severity: 'error', line: 9, column: 10, path: ['programme', 'batch'] });
    expect(marked[0]!.file).toMatch(/project\.yaml$/);
    expect(marked[0]!.message).toBe('project.yaml 写明 sample: false（正式项目），但 programme.batch 仍标有“示例”：“第七批（示例）”');
  });
});

/** GB18030 encoding of text that is ASCII plus common CJK, via the decoder (Node has no GB18030 encoder). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const bytes = Buffer.from([hi, lo]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && !table.has(ch)) table.set(ch, bytes);
    }
  }
  return Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c) : table.get(c) ?? Buffer.from('?'))));
}
