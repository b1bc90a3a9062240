import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourOrigins, recordedPath, servesHost } from '../../src/serve/origin.ts';
import { startServer, type RunningServer } from '../../src/serve/server.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

/** Links that work from the units' computers, and nothing secret in the record whatever the path's shape. */

function get(port: number, target: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.2', port, path: target, headers: { host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the addresses a server answers to and makes links with', () => {
  const lan = () => ['192.168.1.23', 'fe80::1', '127.0.0.1', '::1'];

  it('on 0.0.0.0 makes links with the LAN address, never 0.0.0.0, and answers to every interface', () => {
    const o = ourOrigins('0.0.0.0', 8080, undefined, lan);
    expect(o.base).toBe('http://192.168.1.23:8080');
    expect(servesHost(o, '192.168.1.23:8080')).toBe(true);
    expect(servesHost(o, '[fe80::1]:8080')).toBe(true);
    expect(servesHost(o, 'localhost:8080')).toBe(true);
    expect(servesHost(o, '0.0.0.0:8080')).toBe(false);
    expect(servesHost(o, 'rebind.attacker.example:8080')).toBe(false);
  });

  it('with --public-url makes links with it and answers to its name (default port included)', () => {
    const o = ourOrigins('0.0.0.0', 80, 'http://dossier.office.lan/', lan);
    expect(o.base).toBe('http://dossier.office.lan');
    expect(servesHost(o, 'dossier.office.lan')).toBe(true);
    expect(servesHost(o, 'DOSSIER.office.lan:80')).toBe(true);
  });

  it('on a local bind answers only to 127.0.0.1, localhost and [::1] with its port', () => {
    const o = ourOrigins('127.0.0.1', 9000);
    expect(o.base).toBe('http://127.0.0.1:9000');
    expect([...o.hosts].sort()).toEqual(['127.0.0.1:9000', '[::1]:9000', 'localhost:9000']);
    expect(servesHost(o, '127.0.0.1')).toBe(false);
  });

  it('records a path with any token shown as …, whatever its case or encoding', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    for (const p of [`/u/${token}`, `/U/${token}/workbook`, `/%55/${token}`, `/x/${token.slice(0, 20)}`, `/u/${encodeURIComponent(token)}%2F`]) {
      expect(recordedPath(p), p).not.toContain(token.slice(0, 16));
    }
    expect(recordedPath('/indicators/3')).toBe('/indicators/3');
  });
});

describe('serve on a LAN address with --public-url', () => {
  let project: MiniProject;
  let server: RunningServer;
  let work: string;
  let port: number;

  beforeAll(async () => {
    project = await makeMiniProject();
    work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-lan-'));
    // port 0: the public name is given after the port is known, as a forwarded name would be
    server = await startServer({ projectDir: project.dir, outDir: path.join(work, 'out'), host: '127.0.0.2', port: 0, publicUrl: 'http://dossier.office.lan:8123' });
    port = Number(new URL(server.listening).port);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await project?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('prints the office link and makes unit links with the public address', async () => {
    expect(server.officeUrl).toMatch(/^http:\/\/dossier\.office\.lan:8123\/\?token=/);
    const token = new URL(server.officeUrl).searchParams.get('token')!;
    const real = server.record.events({ limit: 5 }).find((e) => e.action === '启动服务')!;
    expect(real.target).toBe('http://dossier.office.lan:8123');
    expect(server.url).toBe('http://dossier.office.lan:8123');
    expect(server.listening).toBe(`http://127.0.0.2:${port}`);
    // the office opens the page through the public name (Host dossier.office.lan:8123), and through its own address
    const p = port;
    const viaName = await get(p, `/units?token=${token}`, 'dossier.office.lan:8123');
    expect(viaName.status).toBe(303);
    const viaAddress = await get(p, `/units?token=${token}`, `127.0.0.2:${p}`);
    expect(viaAddress.status).toBe(303);
    expect((await get(p, `/units?token=${token}`, `evil.example:${p}`)).status).toBe(421);
  });

  it('never stores a token in the record, whatever the case or shape of the path', async () => {
    const p = port;
    const token = server.record.issueToken('区水务局');
    for (const target of [`/U/${token}`, `/U/${token}/workbook`, `/%75/${token}`, `/u/${token}/../${token}`, `/uploads/${token}`]) {
      // refused (401: a token in a path the office's pages do not know) or served as the unit's link: either way recorded
      const res = await get(p, target, `127.0.0.2:${p}`);
      expect([200, 401, 404], target).toContain(res.status);
    }
    const raw = await readFile(path.join(project.dir, '.eco-dossier', 'record.sqlite'));
    const wal = await readFile(path.join(project.dir, '.eco-dossier', 'record.sqlite-wal')).catch(() => Buffer.alloc(0));
    expect(raw.includes(Buffer.from(token)) || wal.includes(Buffer.from(token))).toBe(false);
    expect(server.record.events({ limit: 50 }).some((e) => e.target.includes(token.slice(0, 16)) || e.detail.includes(token.slice(0, 16)))).toBe(false);
  });
});
