import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { decodeText, loadNarrative } from '../../src/load/narrative.ts';
import { loadProject } from '../../src/load/project.ts';
import { renderReport } from '../../src/artifacts/report/index.ts';
import { docxText } from '../../src/artifacts/response/index.ts';
import { judgeProject } from '../../src/load/check.ts';
import { run } from '../helpers/cli.ts';
import { copySample, makeMiniProject } from '../helpers/mini-project.ts';

describe('narrative parts of the report (narrative/*.txt)', () => {
  it('reads files as Notepad and WPS save them: UTF-8 with or without BOM, UTF-16 with BOM, GB18030', () => {
    const text = '兖州区位于山东省西南部。';
    expect(decodeText(Buffer.from(`\ufeff${text}`, 'utf8'))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ ok: true, text, encoding: 'utf-16le' });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ ok: true, text, encoding: 'utf-16be' });
    // 兖州区 in GB18030 (GBK) bytes
    expect(decodeText(Buffer.from([0xd9, 0xf0, 0xd6, 0xdd, 0xc7, 0xf8]))).toEqual({ ok: true, text: '兖州区', encoding: 'gb18030' });
  });

  it('decodes nothing it cannot decode wholly: names the first bad line instead', () => {
    const utf8 = Buffer.from('兖州区位于山东省西南部。\n第二行。\n', 'utf8');
    // a Latin-1 line appended to a UTF-8 file: not GBK as a whole (that was mojibake for the whole part)
    expect(decodeText(Buffer.concat([utf8, Buffer.from('Caf\xe9 na\xefve\n', 'latin1')]))).toEqual({ ok: false, line: 3, why: 'utf-8-damaged' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\nb\n'), Buffer.from([0xe9, 0x20])]))).toMatchObject({ ok: false, line: 3 });
    // UTF-16 without its mark: valid UTF-8 bytes, but NULs and controls, not text
    expect(decodeText(Buffer.from('兖州区 2023\n', 'utf16le').swap16())).toMatchObject({ ok: false, line: 1, why: 'control' });
    expect(decodeText(Buffer.from('abc\ndef\n', 'utf16le'))).toMatchObject({ ok: false, why: 'control' });
    // random bytes
    let state = 7;
    const noise = Buffer.alloc(4000, 0).map(() => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24));
    expect(decodeText(Buffer.from(noise)).ok).toBe(false);
    // a GBK file with a broken byte on line 2 names line 2
    const gbk = Buffer.from([0xd9, 0xf0, 0xd6, 0xdd, 0xc7, 0xf8, 0x0a, 0xd9, 0x0a]);
    expect(decodeText(gbk)).toEqual({ ok: false, line: 2, why: 'unknown' });
  });

  it('a narrative file that does not decode is a located error, not mojibake in the report', async () => {
    const p = await makeMiniProject();
    try {
      const loaded = await loadProject(p.dir);
      writeFileSync(path.join(p.dir, 'narrative/基本情况.txt'), Buffer.concat([Buffer.from('示例区位于测试市东部。\n', 'utf8'), Buffer.from('Caf\xe9 na\xefve\n', 'latin1')]));
      expect((await loadProject(p.dir)).issues.map((i) => i.code)).toContain('file-encoding');
      const { narrative, issues } = await loadNarrative(p.dir, loaded.data!.project);
      expect(narrative['基本情况']).toBeUndefined();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'file-encoding', severity: 'error', line: 2 });
      expect(issues[0]!.file).toMatch(/narrative\/基本情况\.txt$/);
      expect(issues[0]!.message).toContain('第 2 行');
      const r = await run('validate', p.dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('基本情况.txt');
    } finally {
      await p.cleanup();
    }
  });

  it('takes every .txt as a part, with CRLF line endings normalised', async () => {
    const p = await makeMiniProject((f) => {
      f['narrative/基本情况.txt'] = '第一段。\r\n\r\n第二段。\r\n';
    });
    try {
      const loaded = await loadProject(p.dir);
      const { narrative } = await loadNarrative(p.dir, loaded.data!.project);
      expect(narrative['基本情况']).toEqual({ text: '第一段。\n\n第二段。', file: expect.stringMatching(/narrative\/基本情况\.txt$/) });
      expect(Object.keys(narrative).sort()).toEqual(['创建工作开展情况', '基本情况', '存在问题及下一步工作', '工作进度']);
    } finally {
      await p.cleanup();
    }
  });

  it('drops comment lines (// …) so a note to the writer never reaches a document; a file of notes only is not written yet', async () => {
    const p = await makeMiniProject((f) => {
      f['narrative/基本情况.txt'] = '// 写本区的区位、面积、人口\r\n　　// 缩进的说明也是说明\r\n第一段，网址 http://example.cn 照写。\r\n\r\n// 第二段之前的说明\r\n第二段。\r\n';
      f['narrative/工作进度.txt'] = '// 申报报告“工作进度”：目前进展到哪一步\n// 正文写在下面\n\n';
    });
    try {
      const loaded = await loadProject(p.dir);
      const { narrative } = await loadNarrative(p.dir, loaded.data!.project);
      expect(narrative['基本情况']?.text).toBe('第一段，网址 http://example.cn 照写。\n\n第二段。');
      expect(narrative['工作进度']).toBeUndefined();
      const validate = await run('validate', p.dir, '--json');
      expect(JSON.parse(validate.stdout).warnings).toContainEqual(expect.objectContaining({ code: 'narrative-missing', file: expect.stringMatching(/narrative\/工作进度\.txt$/) }));
      // nothing of the notes in the report
      const report = await docxText(await renderReport({ data: { ...loaded.data!, narrative: { ...narrative, 工作进度: { text: '进度正文。', file: 'narrative/工作进度.txt' } } }, verdicts: judgeProject(loaded.data!), revision: 1 }));
      expect(report).toContain('第一段，网址http://example.cn照写。第二段。');
      for (const note of ['写本区的区位', '缩进的说明也是说明', '第二段之前的说明']) expect(report).not.toContain(note);
    } finally {
      await p.cleanup();
    }
  });

  it('the sample report prints the office text and no placeholder', async () => {
    const loaded = await loadProject('fixtures/yanzhou-2023');
    const text = await docxText(await renderReport({ data: loaded.data!, verdicts: judgeProject(loaded.data!), revision: 1 }));
    expect(text).toContain('兖州区位于山东省西南部、济宁市北部');
    expect(text).toContain('区领导小组办公室建立调度机制');
    expect(text).not.toMatch(/待补充：|请在/);
  });

  it('without 基本情况, validate warns and build fails naming the file (not the built-in template, which is not the office’s to open); allowed, it leaves the part out', async () => {
    const p = await copySample();
    try {
      rmSync(path.join(p.dir, 'narrative', '基本情况.txt'));
      const message = '申报报告的“基本情况”部分还没有文字：请在 narrative/基本情况.txt 中写好，或写在 project.yaml 的 district.profile 中';
      const validate = await run('validate', p.dir, '--json');
      expect(validate.code).toBe(0);
      expect(JSON.parse(validate.stdout).warnings).toContainEqual(expect.objectContaining({ code: 'narrative-missing', message, file: expect.stringMatching(/narrative\/基本情况\.txt$/) }));
      const out = path.join(p.dir, 'out');
      const refused = await buildBundle(p.dir, { outDir: out });
      expect(refused.ok).toBe(false);
      expect(refused.issues.filter((i) => i.severity === 'error')).toEqual([expect.objectContaining({ code: 'narrative-missing', message })]);
      const cli = await run('build', p.dir, '--out', out);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`narrative/基本情况.txt: 错误: ${message}`);
      // the older place for it still counts
      const yaml = path.join(p.dir, 'project.yaml');
      const { readFileSync } = await import('node:fs');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('  government: 济宁市兖州区人民政府\n', '  government: 济宁市兖州区人民政府\n  profile: 兖州区（示例文字）。\n'));
      expect((await run('validate', p.dir, '--json')).stdout).not.toContain('narrative-missing');
    } finally {
      await p.cleanup();
    }
  }, 120_000);

  it('--allow-missing-narrative writes a draft without the part, with a warning', async () => {
    const p = await makeMiniProject((f) => {
      delete f['narrative/工作进度.txt'];
    });
    try {
      const built = await buildBundle(p.dir, { outDir: path.join(p.dir, 'out'), allowMissingNarrative: true });
      expect(built.ok).toBe(true);
      expect(built.issues.find((i) => i.code === 'narrative-missing')!.severity).toBe('warning');
      const text = await docxText((await import('node:fs')).readFileSync(path.join(built.bundleDir!, '申报报告.docx')));
      expect(text).not.toContain('各单位已报送基础资料');
      expect(text).not.toContain('待补充：');
    } finally {
      await p.cleanup();
    }
  }, 60_000);
});
