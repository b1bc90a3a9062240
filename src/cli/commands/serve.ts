import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServer } from '../../serve/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';

const USAGE = 'eco-dossier serve [项目目录] [--port 8080] [--host 127.0.0.1|0.0.0.0] [--public-url http://地址:端口] [--out out] [--open]';

/** Opens the page in the default browser (the Windows package's 启动工作台.cmd asks for it); a failure only leaves the link to click. */
function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'win32' ? ['explorer.exe', [url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

/** Runs until the process is stopped (Ctrl+C). */
export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { port: { type: 'string' }, host: { type: 'string' }, 'public-url': { type: 'string' }, out: { type: 'string' }, open: { type: 'boolean' } }, USAGE);
  const port = Number(values.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port 应为 0–65535 的整数，实际为“${values.port}”`, USAGE);
  const host = values.host ?? '127.0.0.1';
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) throw new CliUsageError(`--public-url 应为“http://地址:端口”，实际为“${publicUrl}”`, USAGE);
  const server = await startServer({ projectDir: projectDir(ctx, positionals[0]), outDir: path.resolve(ctx.cwd, values.out ?? 'out'), host, port, ...(publicUrl ? { publicUrl } : {}) });
  ctx.stderr([
    `办公室页面：${server.officeUrl}`,
    server.needsToken
      ? '注意：正在局域网地址上运行，每个请求都需要专用链接。上面的办公室链接只显示这一次，请勿转发；各单位的链接在“责任单位”页生成。'
      : '仅本机可以访问（127.0.0.1）。要让各单位从自己的电脑打开，请用 --host 0.0.0.0 重新启动（局域网模式），再把各单位的专用链接发给他们。',
    '按 Ctrl+C 停止。',
  ].join('\n'));
  if (values.open) openInBrowser(server.officeUrl);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
