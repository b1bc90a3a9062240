import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from './sqlite.ts';
import { STATE_DIR } from '../common/index.ts';

/**
 * The office's record: every link issued, upload, acceptance, rejection, build and refused request, in one
 * SQLite file in the project's own state folder `.eco-dossier/record.sqlite` (beside `.eco-dossier/uploads/`,
 * where uploads wait for the office). It lives with the project because it is about the project folder's
 * changes, and survives a rebuild or a deleted out/. Tokens are never stored, only their sha256.
 */

export { STATE_DIR };
export const RECORD_FILE = 'record.sqlite';

export type UploadKind = 'workbook' | 'evidence';
/** pending: waits for the office; invalid: failed the checks, can only be rejected */
export type UploadStatus = 'pending' | 'invalid' | 'accepted' | 'rejected';

export interface UploadRow {
  readonly id: number;
  readonly unit: string;
  readonly kind: UploadKind;
  /** the file's name as sent, made safe */
  readonly name: string;
  /** path under .eco-dossier/uploads/ */
  readonly stored: string;
  readonly sha256: string;
  readonly bytes: number;
  /** JSON: the draft evidence.yaml entry, or the import preview (changes, conflicts, issues) */
  readonly detail: string;
  readonly status: UploadStatus;
  readonly at: string;
  readonly decidedAt: string | null;
  readonly note: string | null;
}

export interface EventRow {
  readonly id: number;
  readonly at: string;
  /** 办公室, a unit's name, or 未认证 */
  readonly who: string;
  readonly action: string;
  readonly target: string;
  readonly sha256: string | null;
  /** ok, refused (4xx), failed */
  readonly outcome: string;
  readonly detail: string;
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The office's own principal name in tokens and events. */
export const OFFICE = '办公室';

export class OfficeRecord {
  private readonly db: Database;

  constructor(readonly projectDir: string, now: () => Date = () => new Date()) {
    const dir = path.join(projectDir, STATE_DIR);
    mkdirSync(dir, { recursive: true });
    this.db = openDatabase(path.join(dir, RECORD_FILE));
    this.now = now;
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS tokens (principal TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, issued_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS uploads (
        id INTEGER PRIMARY KEY AUTOINCREMENT, unit TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
        stored TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, detail TEXT NOT NULL,
        status TEXT NOT NULL, at TEXT NOT NULL, decided_at TEXT, note TEXT);
      CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT NOT NULL, sha256 TEXT, outcome TEXT NOT NULL, detail TEXT NOT NULL);
    `);
  }

  private readonly now: () => Date;

  stamp(): string {
    return this.now().toISOString();
  }

  /** A secret for CSRF form tokens that survives restarts (forms open in a browser stay valid). */
  secret(): string {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('secret') as { value: string } | undefined;
    if (row) return row.value;
    const value = randomBytes(32).toString('hex');
    this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('secret', value);
    return this.secret();
  }

  /** A new link token for the office or a unit; the old one stops working. Returns the token (shown once). */
  issueToken(principal: string): string {
    const token = newToken();
    this.db.prepare('INSERT INTO tokens (principal, hash, issued_at) VALUES (?, ?, ?) ON CONFLICT(principal) DO UPDATE SET hash = excluded.hash, issued_at = excluded.issued_at')
      .run(principal, sha256Hex(token), this.stamp());
    return token;
  }

  principalOf(token: string): string | undefined {
    const row = this.db.prepare('SELECT principal FROM tokens WHERE hash = ?').get(sha256Hex(token)) as { principal: string } | undefined;
    return row?.principal;
  }

  tokenIssuedAt(principal: string): string | undefined {
    const row = this.db.prepare('SELECT issued_at FROM tokens WHERE principal = ?').get(principal) as { issued_at: string } | undefined;
    return row?.issued_at;
  }

  addUpload(row: Omit<UploadRow, 'id' | 'at' | 'decidedAt' | 'note'>): number {
    const info = this.db.prepare('INSERT INTO uploads (unit, kind, name, stored, sha256, bytes, detail, status, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.unit, row.kind, row.name, row.stored, row.sha256, row.bytes, row.detail, row.status, this.stamp());
    return Number(info.lastInsertRowid);
  }

  setStored(id: number, stored: string): void {
    this.db.prepare('UPDATE uploads SET stored = ? WHERE id = ?').run(stored, id);
  }

  /** Only an upload still waiting (pending or invalid) is decided, once; false when it was decided already. */
  decide(id: number, status: 'accepted' | 'rejected', note: string): boolean {
    return this.db.prepare(`UPDATE uploads SET status = ?, decided_at = ?, note = ? WHERE id = ? AND status IN ('pending', 'invalid')`).run(status, this.stamp(), note, id).changes > 0;
  }

  /**
   * Records an upload only while fewer than `cap` of the unit's uploads keep bytes waiting for the office
   * (pending, or invalid ones stored by an earlier version): one statement, so the count and the new row are
   * one step. Undefined when the cap is reached.
   */
  addUploadWithin(cap: number, row: Omit<UploadRow, 'id' | 'at' | 'decidedAt' | 'note'>): number | undefined {
    const info = this.db.prepare(`INSERT INTO uploads (unit, kind, name, stored, sha256, bytes, detail, status, at)
      SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM uploads WHERE unit = ? AND (status = 'pending' OR (status = 'invalid' AND stored <> ''))) < ?`)
      .run(row.unit, row.kind, row.name, row.stored, row.sha256, row.bytes, row.detail, row.status, this.stamp(), row.unit, cap);
    return info.changes > 0 ? Number(info.lastInsertRowid) : undefined;
  }

  /** Takes back the row of an upload whose bytes could not be kept (still pending, nothing stored): it never waited. */
  withdrawUpload(id: number): void {
    this.db.prepare(`DELETE FROM uploads WHERE id = ? AND status = 'pending' AND stored = ''`).run(id);
  }

  upload(id: number): UploadRow | undefined {
    const row = this.db.prepare(`SELECT id, unit, kind, name, stored, sha256, bytes, detail, status, at, decided_at AS decidedAt, note FROM uploads WHERE id = ?`).get(id);
    return row ? ({ ...row } as unknown as UploadRow) : undefined;
  }

  uploads(filter: { readonly unit?: string; readonly status?: UploadStatus } = {}): UploadRow[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.unit !== undefined) (where.push('unit = ?'), args.push(filter.unit));
    if (filter.status !== undefined) (where.push('status = ?'), args.push(filter.status));
    return this.db.prepare(`SELECT id, unit, kind, name, stored, sha256, bytes, detail, status, at, decided_at AS decidedAt, note FROM uploads ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`).all(...args).map((r) => ({ ...r }) as unknown as UploadRow);
  }

  countUploads(unit: string, status: UploadStatus): number {
    return (this.db.prepare('SELECT count(*) AS n FROM uploads WHERE unit = ? AND status = ?').get(unit, status) as { n: number }).n;
  }

  log(event: Omit<EventRow, 'id' | 'at' | 'sha256' | 'detail'> & { readonly sha256?: string; readonly detail?: string }): void {
    this.db.prepare('INSERT INTO events (at, who, action, target, sha256, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.stamp(), event.who, event.action, event.target, event.sha256 ?? null, event.outcome, event.detail ?? '');
  }

  events(filter: { readonly who?: string; readonly limit?: number } = {}): EventRow[] {
    const limit = filter.limit ?? 200;
    const rows = filter.who !== undefined
      ? this.db.prepare('SELECT * FROM events WHERE who = ? ORDER BY id DESC LIMIT ?').all(filter.who, limit)
      : this.db.prepare('SELECT * FROM events ORDER BY id DESC LIMIT ?').all(limit);
    return rows.map((r) => ({ ...r }) as unknown as EventRow);
  }

  close(): void {
    this.db.close();
  }
}
