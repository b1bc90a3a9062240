import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The office's record on Node's built-in SQLite: no warning printed, WAL, shared by two connections, plain rows. */
describe('the office record (node:sqlite)', () => {
  it('opens without printing an experimental warning (Node 22 announces node:sqlite so)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-record-'));
    const script = `const { OfficeRecord } = await import('./src/serve/record.ts'); const r = new OfficeRecord(${JSON.stringify(dir)}); r.log({ who: '办公室', action: '试', target: '', outcome: 'ok' }); r.close(); process.emitWarning('another warning');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stderr).toContain('another warning');
    expect(child.stderr).not.toContain('SQLite');
  });

  it('keeps WAL, the same tables, and two connections see each other', async () => {
    const { OfficeRecord, RECORD_FILE, STATE_DIR } = await import('../../src/serve/record.ts');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-record-'));
    const a = new OfficeRecord(dir, () => new Date('2026-05-01T08:00:00Z'));
    const b = new OfficeRecord(dir, () => new Date('2026-05-01T09:00:00Z'));
    try {
      const token = a.issueToken('区水务局');
      expect(b.principalOf(token)).toBe('区水务局');
      const id = b.addUpload({ unit: '区水务局', kind: 'workbook', name: '填报表.xlsx', stored: 'u/1.xlsx', sha256: 'ab', bytes: 12, detail: '{}', status: 'pending' });
      a.decide(id, 'accepted', '已核对');
      a.log({ who: '办公室', action: '接收', target: '填报表.xlsx', outcome: 'ok' });
      expect(b.upload(id)).toStrictEqual({
        id, unit: '区水务局', kind: 'workbook', name: '填报表.xlsx', stored: 'u/1.xlsx', sha256: 'ab', bytes: 12, detail: '{}',
        status: 'accepted', at: '2026-05-01T09:00:00.000Z', decidedAt: '2026-05-01T08:00:00.000Z', note: '已核对',
      });
      expect(b.events()).toStrictEqual([{ id: 1, at: '2026-05-01T08:00:00.000Z', who: '办公室', action: '接收', target: '填报表.xlsx', sha256: null, outcome: 'ok', detail: '' }]);
      expect(a.secret()).toBe(b.secret());
      expect(b.countUploads('区水务局', 'accepted')).toBe(1);
    } finally {
      a.close();
      b.close();
    }
    const { DatabaseSync } = await import('node:sqlite');
    const raw = new DatabaseSync(path.join(dir, STATE_DIR, RECORD_FILE));
    try {
      expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name)).toEqual(['events', 'meta', 'tokens', 'uploads']);
    } finally {
      raw.close();
    }
  });
});
