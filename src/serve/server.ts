import type { AddressInfo } from 'node:net';
import { serve as listen } from '@hono/node-server';
import { createApp } from './app.ts';
import { opensWithoutToken } from './auth.ts';
import { ourOrigins, type OurOrigins } from './origin.ts';
import { OFFICE, OfficeRecord } from './record.ts';
import { finishInterruptedAcceptances } from './acceptance.ts';
import { clearUnfinishedUploads } from './uploads.ts';
import { ProjectState } from './state.ts';

export interface ServeOptions {
  readonly projectDir: string;
  readonly outDir: string;
  /** default 127.0.0.1 */
  readonly host?: string;
  /** default 8080; 0 picks a free port */
  readonly port?: number;
  readonly today?: () => string;
  /** the address units reach this computer by (a name or a forwarded address), used in links and allowed as Host */
  readonly publicUrl?: string;
}

export interface RunningServer {
  /** the office's address; on a non-local bind it carries the office's token (shown once) */
  readonly officeUrl: string;
  /** the address links are made with: the LAN address on 0.0.0.0, or --public-url */
  readonly url: string;
  /** where the server listens (its bind address and port) */
  readonly listening: string;
  readonly needsToken: boolean;
  readonly record: OfficeRecord;
  close(): Promise<void>;
}

/** serve: the office's dashboard over a project folder. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const record = new OfficeRecord(options.projectDir);
  const state = new ProjectState(options.projectDir);
  // an acceptance the last run did not finish (power cut, killed) is undone before anything is served
  await finishInterruptedAcceptances(state, record);
  await clearUnfinishedUploads(options.projectDir);
  let origins: OurOrigins | undefined;
  const app = createApp({ state, record, host, outDir: options.outDir, origins: () => origins!, ...(options.today ? { today: options.today } : {}) });
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  origins = ourOrigins(host, port, options.publicUrl);
  const url = origins.base;
  const needsToken = !opensWithoutToken(host);
  // a new office token every start: only its hash is kept, so the link cannot be shown again later
  const officeToken = record.issueToken(OFFICE);
  record.log({ who: OFFICE, action: '启动服务', target: url, outcome: 'ok', detail: needsToken ? '局域网地址：每个请求都需要专用链接' : '仅本机访问' });
  return {
    url, needsToken, record, listening: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    officeUrl: needsToken ? `${url}/?token=${officeToken}` : url,
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        record.close();
        resolve();
      });
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}
