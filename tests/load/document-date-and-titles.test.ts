import { describe, expect, it } from 'vitest';
import { checkDocumentDate, looksLikeFileName } from '../../src/validate/index.ts';
import type { Project } from '../../src/model/index.ts';

const at = { locate: (p: readonly (string | number)[]) => ({ file: 'project.yaml', line: p.length, column: 1 }) };

describe('the documents’ date against the submission deadline', () => {
  const project = (generatedAt: string, application?: { date?: string }) =>
    ({ generatedAt, deadlines: [{ id: 'materials', name: '提供资料', date: '2025-06-30' }, { id: 'submission', name: '完成申报', date: '2025-07-25' }], ...(application ? { application } : {}) }) as unknown as Project;

  it('says nothing up to the deadline', () => {
    expect(checkDocumentDate(project('2025-07-25'), at)).toEqual([]);
  });

  it('warns at generatedAt, or at the 请示’s own date when it has one, after the deadline', () => {
    expect(checkDocumentDate(project('2026-12-08'), at)).toMatchObject([{ code: 'document-date-after-deadline', severity: 'warning', path: ['generatedAt'], message: '成文日期 2026-12-08 晚于“完成申报”的日期 2025-07-25：申报文件和申报报告都会落这个日期' }]);
    expect(checkDocumentDate(project('2025-07-01', { date: '2025-08-02' }), at)).toMatchObject([{ path: ['application', 'date'] }]);
  });
});

describe('a title that is a file name', () => {
  it('knows the names cameras, phones and chat apps give', () => {
    for (const t of ['IMG_20220616_093012', 'DSC01234', 'DSCN0042', 'PXL_20230101_120000', '微信图片_20230512093012', 'mmexport1685000000000', 'Screenshot_2023-05-01', '20230512_093012', 'IMG1234']) {
      expect(looksLikeFileName(t, 'evidence/x/a.jpg'), t).toBe(true);
    }
  });

  it('and the file’s own name, but not a real title', () => {
    expect(looksLikeFileName('scan-003.pdf', 'evidence/x/scan-003.pdf')).toBe(true);
    expect(looksLikeFileName('scan-003', 'evidence/x/scan-003.pdf')).toBe(true);
    expect(looksLikeFileName('河长公示牌', 'evidence/区水务局/河长公示牌.jpg')).toBe(false);
    expect(looksLikeFileName('2022年度河长制工作总结', 'evidence/a.pdf')).toBe(false);
    expect(looksLikeFileName('DSC 团队照片说明', 'evidence/a.jpg')).toBe(false);
  });
});
