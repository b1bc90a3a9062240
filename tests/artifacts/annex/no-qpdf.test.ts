import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { planAnnexVolumes, renderAnnexVolume } from '../../../src/artifacts/annex/index.ts';
import { haveTools } from '../../helpers/tools.ts';
import { labelledPdf, miniProject, tempDir } from './helpers.ts';

// as on a machine without qpdf (the test still needs qpdf to make the encrypted file)
vi.mock('../../../src/documents/pdf/qpdf.ts', () => ({
  qpdfAvailable: async () => false,
  decryptWithQpdf: async () => ({ ok: false, reason: 'no-qpdf', detail: '未找到 qpdf' }),
}));

describe.runIf(haveTools('qpdf'))('an encrypted PDF without qpdf', () => {
  it('is refused with a message saying how to fix it', async () => {
    const work = await tempDir();
    try {
      writeFileSync(path.join(work.dir, 'in.pdf'), await labelledPdf('RESTRICTED'));
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', path.join(work.dir, 'in.pdf'), path.join(work.dir, 'enc.pdf')]);
      const project = await miniProject([{ id: 'E1', file: 'enc.pdf', bytes: readFileSync(path.join(work.dir, 'enc.pdf')), indicators: [2] }]);
      try {
        const outFile = path.join(work.dir, 'annex.pdf');
        const result = await renderAnnexVolume(project.input, planAnnexVolumes(project.input, 0).volumes[0]!, { startPage: 1, outFile, allowMissing: false });
        expect(result.issues).toHaveLength(1);
        expect(result.issues[0]).toMatchObject({
          code: 'evidence-encrypted',
          severity: 'error',
          message: '佐证材料 E1（材料E1）无法编入：PDF 已加密（设有权限限制），且本机没有 qpdf 可以解除，佐证材料汇编未生成',
          hint: '安装 qpdf 后重试，或在 PDF 阅读器中另存为未加密的 PDF 后替换',
        });
        expect(existsSync(outFile)).toBe(false);
      } finally {
        await project.cleanup();
      }
    } finally {
      await work.cleanup();
    }
  });
});
