import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverLines, parseCoverLines } from '../../../src/artifacts/annex/cover.ts';
import { planAnnexVolumes, renderAnnexVolume } from '../../../src/artifacts/annex/index.ts';
import { TemplateError } from '../../../src/documents/templates/index.ts';
import { labelledPdf, miniProject, tempDir } from './helpers.ts';

const facts = { volume: { no: 2, total: 3 }, pages: { first: '41', last: '80', note: '' }, indicators: [12, 13, 14] };

describe('the cover template', () => {
  it('parses `style: text` lines, with --- moving the rest to the foot of the page', () => {
    expect(parseCoverLines('title: 标题\n\nspace: 2\nsmall：小字\n---\ntext: 落款\n', 'cover.txt.hbs')).toEqual([
      { style: 'title', text: '标题', bottom: false },
      { style: 'space', text: '2', bottom: false },
      { style: 'small', text: '小字', bottom: false },
      { style: 'text', text: '落款', bottom: true },
    ]);
  });

  it('refuses an unknown style or a bad space as a template error', () => {
    expect(() => parseCoverLines('heading: 错', 'x.hbs')).toThrow(TemplateError);
    expect(() => parseCoverLines('just text', 'x.hbs')).toThrow(/无法识别的一行“just text”/);
    expect(() => parseCoverLines('space: many', 'x.hbs')).toThrow(/space:/);
  });

  it('renders the built-in template: title, programme, volume, date, revision, 示例数据', async () => {
    const project = await miniProject([{ id: 'E1', file: 'a.pdf', bytes: await labelledPdf('A'), indicators: [1] }]);
    try {
      const lines = coverLines({ ...project.input, revision: 2 }, facts);
      const text = (style: string) => lines.filter((l) => l.style === style).map((l) => l.text);
      expect(text('mark')).toEqual(['示例数据（仅用于演示，非官方数据）']);
      expect(text('title')).toEqual(['测试市示例区国家生态文明建设示范区创建佐证材料汇编']);
      expect(text('subtitle')).toEqual(['国家生态文明建设示范区创建申报材料（第七批）']);
      expect(text('text')).toEqual(['第2册／共3册', '测试市示例区人民政府', '2023年7月20日']);
      expect(text('small')).toEqual(['指标12—指标14　第41—80页', '第2版']);
      expect(lines.filter((l) => l.bottom).map((l) => l.text)).toEqual(['测试市示例区人民政府', '2023年7月20日', '第2版']);
      const single = coverLines(project.input, { ...facts, volume: { no: 1, total: 1 } });
      expect(single.some((l) => l.text.includes('册'))).toBe(false);
    } finally {
      await project.cleanup();
    }
  });

  it('uses the district’s own copy of the template, and reports its errors with the file', async () => {
    const project = await miniProject([{ id: 'E1', file: 'a.pdf', bytes: await labelledPdf('A'), indicators: [1] }], (f) => {
      f['project.yaml'] = f['project.yaml']!.replace('generatedAt:', 'templates: my-templates\ngeneratedAt:');
    });
    try {
      mkdirSync(path.join(project.dir, 'my-templates/annex'), { recursive: true });
      const file = path.join(project.dir, 'my-templates/annex/cover.txt.hbs');
      writeFileSync(file, 'title: {{district.shortName}}佐证材料\ntext: {{nonexistent}}\n');
      const out = await tempDir();
      try {
        const result = await renderAnnexVolume(project.input, planAnnexVolumes(project.input, 0).volumes[0]!, { startPage: 1, outFile: path.join(out.dir, 'a.pdf'), allowMissing: false });
        expect(result.issues).toEqual([expect.objectContaining({ code: 'template-error', severity: 'error', file, line: 2, message: '模板错误：数据中没有变量“nonexistent”' })]);
        writeFileSync(file, 'title: {{district.shortName}}佐证材料\n');
        expect(coverLines(project.input, facts)).toEqual([{ style: 'title', text: '示例区佐证材料', bottom: false }]);
      } finally {
        await out.cleanup();
      }
    } finally {
      await project.cleanup();
    }
  });
});
