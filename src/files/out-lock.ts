import { hostname } from 'node:os';
import { lstat, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * One run at a time writes into an output folder: a lock file `<out>/.eco-dossier.lock` holding the owner's
 * process id, machine and start time, created exclusively. A second run refuses with a plain message naming
 * the owner; a lock whose process is gone (killed, or the machine restarted) is taken over.
 */

/** A problem saving into the output folder that the user can act on: busy, not writable, full. */
export class SaveProblem extends Error {
  constructor(
    readonly code: 'out-busy' | 'out-not-writable' | 'disk-full',
    message: string,
    readonly file: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface OutLock {
  release(): Promise<void>;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/** The error of a write into the output folder, as what the user can do about it (or the error itself). */
export function notWritable(e: unknown, outDir: string): SaveProblem | unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !NOT_WRITABLE.has(code)) return e;
  const why = code === 'EROFS' ? '所在磁盘是只读的' : '没有写入权限';
  return new SaveProblem('out-not-writable', `输出文件夹 ${outDir} 不可写：${why}（${code}）；原有材料包保持不变`, outDir, code === 'EROFS' ? '换一个可写的输出文件夹（--out），或把 U 盘、网络盘设为可写' : '换一个有写权限的输出文件夹（--out），或请管理员开放写权限');
}

/**
 * The error of writing into an output folder (or making it), as what the user can do about it: a full disk,
 * a folder that cannot be written (mkdir -p on a read-only disk says ENOENT for the missing child: the
 * nearest existing folder is asked itself), a path through something that is not a folder. Else the error itself.
 */
export async function writeProblem(e: unknown, outDir: string): Promise<SaveProblem | unknown> {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new SaveProblem('disk-full', `磁盘空间不足，无法写入 ${outDir}；原有文件保持不变`, outDir, '清理磁盘或用 --out 换到空间足够的磁盘后重新运行');
  if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EEXIST') return notWritable(e, outDir);
  let at = path.resolve(outDir);
  for (;;) {
    const info = await lstat(at).catch(() => undefined);
    if (info) {
      if (info.isSymbolicLink() && !(await stat(at).catch(() => undefined))) {
        return new SaveProblem('out-not-writable', `输出文件夹 ${outDir} 无法建立：${at} 是一个失效的链接（指向的位置不存在）`, at, '删除或修复该链接，或用 --out 换一个输出文件夹');
      }
      const real = await stat(at).catch(() => info);
      if (!real.isDirectory()) return new SaveProblem('out-not-writable', `输出文件夹 ${outDir} 无法建立：${at} 是一个文件，不是文件夹`, at, '用 --out 换一个输出文件夹，或把该文件改名');
      const probed = await probe(at).catch((p) => p);
      return probed ? notWritable(probed, outDir) : e;
    }
    const up = path.dirname(at);
    if (up === at) return e;
    at = up;
  }
}

/** Takes the lock of `outDir`; throws SaveProblem when another live run holds it or the folder cannot be written. */
export async function lockOut(outDir: string): Promise<OutLock> {
  const file = path.join(outDir, '.eco-dossier.lock');
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    // mkdir -p on a read-only disk says ENOENT for the missing child: ask the parent itself
    throw notWritable(await probe(outDir).catch((p) => p) ?? e, outDir);
  }
  const me: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw notWritable(e, outDir);
    }
    const owner = await readOwner(file);
    if (owner && owner.host === hostname() && !processAlive(owner.pid)) {
      await rm(file, { force: true });
      continue;
    }
    if (!owner) {
      // half-written by a run killed at this very moment, or damaged: stale once it is a few seconds old
      const info = await stat(file).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs > 5000) {
        await rm(file, { force: true });
        continue;
      }
    }
    const who = owner ? `进程 ${owner.pid}${owner.host !== hostname() ? `，计算机 ${owner.host}` : ''}，开始于 ${owner.started.slice(0, 19).replace('T', ' ')}（UTC）` : '刚刚开始';
    throw new SaveProblem(
      'out-busy',
      `另一次 eco-dossier 运行正在向 ${outDir} 写入材料包（${who}），本次未写入任何文件`,
      file,
      `等那一次运行结束后再运行；如确认没有其他运行（例如电脑重启过），删除 ${file} 后重试`,
    );
  }
  throw new SaveProblem('out-busy', `无法取得输出文件夹 ${outDir} 的写入锁`, file, `删除 ${file} 后重试`);
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string' ? (o as Owner) : undefined;
  } catch {
    return undefined;
  }
}

/** The real error of writing into `dir` (a read-only disk says EROFS here, where mkdir -p said ENOENT). */
async function probe(dir: string): Promise<unknown> {
  const handle = await open(path.join(dir, `.eco-dossier-probe-${process.pid}`), 'wx');
  await handle.close();
  await rm(path.join(dir, `.eco-dossier-probe-${process.pid}`), { force: true });
  return undefined;
}
