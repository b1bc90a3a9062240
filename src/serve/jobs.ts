import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildBundle, type BuildOptions, type BuildResult } from '../bundle/index.ts';
import type { FileChange } from '../model/index.ts';
import { verifyBundle } from '../package/index.ts';
import { reviseBundle } from '../revise/index.ts';
import { sha256Hex, type OfficeRecord } from './record.ts';
import { progressOf } from './progress.ts';
import { roundLabel } from './revisions.ts';
import type { ProjectState } from './state.ts';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

/**
 * 材料包: one build or revision at a time, run in the server (through the same `exclusive` queue as accepted
 * uploads, so it reads one consistent project), with its progress kept for the page to poll; the zip is
 * verified after, and the outcome recorded.
 */

export interface JobView {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  readonly kind?: 'build' | 'revise';
  readonly step: string;
  readonly done: number;
  readonly total: number;
  /** the whole job's share done (one bar for every step), and the step in MB or files */
  readonly fraction: number;
  readonly progress: string;
  readonly message: string;
  readonly issues: readonly string[];
  readonly zip?: string;
  /** a revision's number and the files it added, replaced or removed */
  readonly revision?: number;
  readonly changes?: readonly FileChange[];
}

/** What the page asks of a revision: the previous bundle's folder in out/, the review round to answer. */
export interface ReviseRequest {
  readonly from: string;
  /** a feedback/round-K.yaml of the project; none: revise's default */
  readonly feedback?: string;
  /** the zip holds the whole revision rather than only its changes (revise --full-zip) */
  readonly fullZip: boolean;
}

const ACTION = { build: '生成材料包', revise: '生成修订版' } as const;

export class BuildJobs {
  private view: JobView = { state: 'idle', step: '', done: 0, total: 0, fraction: 0, progress: '', message: '', issues: [] };

  constructor(private readonly state: ProjectState, private readonly record: OfficeRecord, readonly outDir: string) {}

  current(): JobView {
    return this.view;
  }

  /** Starts a build unless a job is running; returns at once. */
  start(who: string): boolean {
    return this.run(who, 'build', '正在生成申报材料包…', (onProgress) => buildBundle(this.state.dir, { outDir: this.outDir, onProgress }));
  }

  /** Starts a revision (as `eco-dossier revise`) unless a job is running; returns at once. */
  startRevise(who: string, request: ReviseRequest): boolean {
    return this.run(who, 'revise', `正在以 ${request.from} 为上一版生成修订版…`, (onProgress) => reviseBundle(this.state.dir, {
      from: path.join(this.outDir, request.from),
      ...(request.feedback ? { feedbackFile: path.join(this.state.dir, 'feedback', request.feedback) } : {}),
      outDir: this.outDir,
      zipContents: request.fullZip ? 'complete' : 'changes',
      onProgress,
    }));
  }

  private run(who: string, kind: 'build' | 'revise', starting: string, work: (onProgress: NonNullable<BuildOptions['onProgress']>) => Promise<BuildResult & { revision?: number; feedbackFile?: string }>): boolean {
    if (this.view.state === 'running') return false;
    const action = ACTION[kind];
    this.view = { state: 'running', kind, step: '准备', done: 0, total: 0, fraction: 0, progress: '准备', message: starting, issues: [] };
    void this.state.exclusive(async () => {
      try {
        const result = await work((e) => {
          const p = progressOf(e.step, e.done, e.total, this.view.fraction);
          this.view = { ...this.view, step: e.step, done: e.done, total: e.total, fraction: p.fraction, progress: p.text };
        });
        const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}：${i.message}`);
        if (!result.ok || !result.zip) {
          this.view = { ...this.view, state: 'failed', message: `${action}失败，原有的材料包未被替换`, issues: errors };
          this.record.log({ who, action, target: '', outcome: 'failed', detail: errors.slice(0, 5).join('\n') });
          return;
        }
        this.view = { ...this.view, progress: '校验 zip', fraction: Math.max(this.view.fraction, 0.95) };
        const verified = await verifyBundle(result.zip);
        const zipName = path.basename(result.zip);
        const sum = await fileSha256(result.zip);
        const changes = (result.manifest?.changes ?? []).filter((c) => c.op !== 'unchanged');
        const revision = result.revision ?? result.manifest?.revision;
        const what = kind === 'revise'
          ? `第${revision}版 ${zipName}（${verified.contents === 'changes' ? `只含新增和替换的文件，与上一版一起构成第${revision}版` : '完整的一版'}）；${result.feedbackFile ? `答复${roundLabel(path.basename(result.feedbackFile))}；` : ''}${changeCounts(result.manifest?.changes ?? [])}`
          : zipName;
        const message = `${result.unchanged ? '材料包与上次相同，未替换' : '已生成'} ${what}；校验${verified.ok ? `通过（${verified.checked} 个文件）` : '未通过'}`;
        this.view = {
          ...this.view, state: verified.ok ? 'done' : 'failed', message, fraction: verified.ok ? 1 : this.view.fraction, progress: verified.ok ? '完成' : this.view.progress, issues: verified.issues.map((i) => i.message), zip: zipName,
          ...(kind === 'revise' ? { revision, changes } : {}),
        };
        this.record.log({ who, action, target: zipName, sha256: sum, outcome: verified.ok ? 'ok' : 'failed', detail: message });
      } catch (e) {
        this.view = { ...this.view, state: 'failed', message: `${action}失败，原有的材料包未被替换；“记录”页记下了出错的原因`, issues: [] };
        this.record.log({ who, action, target: '', outcome: 'failed', detail: (e as Error).message });
      }
    });
    return true;
  }
}

/** 新增 2，替换 3，删除 0，未变 45 */
export function changeCounts(changes: readonly FileChange[]): string {
  const count = (op: FileChange['op']) => changes.filter((c) => c.op === op).length;
  return `新增 ${count('new')}，替换 ${count('replace')}，删除 ${count('delete')}，未变 ${count('unchanged')}`;
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
