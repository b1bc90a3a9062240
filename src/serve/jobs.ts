import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildBundle } from '../bundle/build.ts';
import { verifyBundle } from '../package/verify.ts';
import { sha256Hex, type OfficeRecord } from './record.ts';
import type { ProjectState } from './state.ts';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

/**
 * 材料包: one build at a time, run in the server (through the same `exclusive` queue as accepted uploads, so
 * it reads one consistent project), with its progress kept for the page to poll; the zip is verified after.
 */

export interface JobView {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  readonly step: string;
  readonly done: number;
  readonly total: number;
  readonly message: string;
  readonly issues: readonly string[];
  readonly zip?: string;
}

export class BuildJobs {
  private view: JobView = { state: 'idle', step: '', done: 0, total: 0, message: '', issues: [] };

  constructor(private readonly state: ProjectState, private readonly record: OfficeRecord, readonly outDir: string) {}

  current(): JobView {
    return this.view;
  }

  /** Starts a build unless one is running; returns at once. */
  start(who: string): boolean {
    if (this.view.state === 'running') return false;
    this.view = { state: 'running', step: '准备', done: 0, total: 0, message: '正在生成申报材料包…', issues: [] };
    void this.state.exclusive(async () => {
      try {
        const result = await buildBundle(this.state.dir, {
          outDir: this.outDir,
          onProgress: (e) => {
            this.view = { ...this.view, step: e.step, done: e.done, total: e.total };
          },
        });
        const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}：${i.message}`);
        if (!result.ok || !result.zip) {
          this.view = { ...this.view, state: 'failed', message: '生成失败，原有的材料包未被替换', issues: errors };
          this.record.log({ who, action: '生成材料包', target: '', outcome: 'failed', detail: errors.slice(0, 5).join('\n') });
          return;
        }
        const verified = await verifyBundle(result.zip);
        const zipName = path.basename(result.zip);
        const sum = await fileSha256(result.zip);
        const message = `${result.unchanged ? '材料包与上次相同，未替换' : '已生成'} ${zipName}；校验${verified.ok ? `通过（${verified.checked} 个文件）` : '未通过'}`;
        this.view = { ...this.view, state: verified.ok ? 'done' : 'failed', message, issues: verified.issues.map((i) => i.message), zip: zipName };
        this.record.log({ who, action: '生成材料包', target: zipName, sha256: sum, outcome: verified.ok ? 'ok' : 'failed', detail: message });
      } catch (e) {
        this.view = { ...this.view, state: 'failed', message: `生成失败：${(e as Error).message}`, issues: [] };
        this.record.log({ who, action: '生成材料包', target: '', outcome: 'failed', detail: (e as Error).message });
      }
    });
    return true;
  }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface Download {
  readonly name: string;
  readonly bytes: number;
  readonly modified: string;
}

/** The zips in out/: the only files the page offers for download. */
export async function listDownloads(outDir: string): Promise<Download[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const out: Download[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.zip') || e.name.startsWith('.')) continue;
    const s = await stat(path.join(outDir, e.name));
    out.push({ name: e.name, bytes: s.size, modified: s.mtime.toISOString() });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export { sha256Hex };
