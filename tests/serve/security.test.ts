import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/serve/server.ts';
import { LIMITS } from '../../src/serve/uploads.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';

/**
 * Bound to 127.0.0.2: a loopback address the tests can reach that is not the default 127.0.0.1, so the server
 * behaves as on a LAN address: every request needs a token.
 */
describe('serve on an address other than 127.0.0.1', () => {
  let project: MiniProject;
  let server: RunningServer;
  let work: string;
  let officeCookie = '';
  const links: Record<string, string> = {};

  const csrfOf = async (url: string, headers: Record<string, string> = {}) => {
    const text = await (await fetch(url, { headers })).text();
    return /name="_csrf" value="([^"]+)"/.exec(text)![1]!;
  };
  const evidenceForm = (csrf: string, name: string, bytes: Uint8Array, indicator: number) => {
    const body = new FormData();
    body.set('_csrf', csrf);
    body.set('file', new Blob([bytes]), name);
    body.set('indicators', String(indicator));
    body.set('title', '运行台账');
    body.set('issuer', '区水务局');
    body.set('date', '2023-05-10');
    body.set('kind', '台账');
    return body;
  };

  beforeAll(async () => {
    project = await makeMiniProject();
    work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-sec-'));
    server = await startServer({ projectDir: project.dir, outDir: path.join(work, 'out'), host: '127.0.0.2', port: 0 });
    // the office's printed link sets its cookie
    const first = await fetch(server.officeUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    officeCookie = first.headers.get('set-cookie')!.split(';')[0]!;
    for (const unit of ['区水务局', '区生态环境分局']) {
      const csrf = await csrfOf(`${server.url}/units`, { cookie: officeCookie });
      const page = await (await fetch(`${server.url}/units/link`, { method: 'POST', headers: { cookie: officeCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, unit }) })).text();
      links[unit] = /id="new-link">([^<]+)</.exec(page)![1]!;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await project?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('asks every request without a token for one (401), pages and files alike', async () => {
    expect(server.needsToken).toBe(true);
    for (const url of ['/', '/units', '/indicators/3', '/evidence/E1', '/bundle/job', '/history', '/u/not-a-real-token-at-all']) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(401);
    }
    expect(await (await fetch(server.url + '/')).text()).toContain('每个请求都需要办公室或单位的专用链接');
    expect((await fetch(server.url + '/', { headers: { cookie: officeCookie } })).status).toBe(200);
  });

  it("refuses unit A's token on unit B's data (403)", async () => {
    const water = links['区水务局']!;
    const ecology = links['区生态环境分局']!;
    // B uploads evidence for its indicator 1
    const bCsrf = await csrfOf(ecology);
    const bUpload = await fetch(`${ecology}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(bCsrf, '规划.pdf', TINY_PDF, 1) });
    expect(bUpload.status).toBe(200);
    const bId = /已收到佐证材料（上传编号 (\d+)）/.exec(await bUpload.text())![1]!;
    expect((await fetch(`${ecology}/uploads/${bId}`)).status).toBe(200);
    expect((await fetch(`${water}/uploads/${bId}`)).status).toBe(403);
    expect((await fetch(`${water}/indicators/1`)).status).toBe(403);
    // A uploading for B's indicator
    const aCsrf = await csrfOf(water);
    const cross = await fetch(`${water}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(aCsrf, '台账.pdf', TINY_PDF, 1) });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain('指标 1 不由区水务局负责，不能为它上传材料');
    // a unit's token does not open the office's pages
    expect((await fetch(`${server.url}/uploads`, { headers: { authorization: `Bearer ${water.split('/u/')[1]}` } })).status).toBe(403);
  });

  it('refuses a traversal name, an oversized upload and a cross-site POST, and records each', async () => {
    const water = links['区水务局']!;
    const csrf = await csrfOf(water);
    const traversal = await fetch(`${water}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(csrf, '../../project.yaml.pdf', TINY_PDF, 3) });
    expect(traversal.status).toBe(400);
    expect(await traversal.text()).toContain('含有路径（/、\\ 或 ..），不能接收');

    const big = new Uint8Array(LIMITS.requestBytes + 1024);
    big.set(TINY_PDF);
    const oversized = await fetch(`${water}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(csrf, '大文件.pdf', big, 3) });
    expect(oversized.status).toBe(413);

    const notPdf = await fetch(`${water}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(csrf, '照片.pdf', new TextEncoder().encode('just text, not a PDF'), 3) });
    expect(notPdf.status).toBe(400);
    expect(await notPdf.text()).toContain('内容不是 PDF、JPEG 或 PNG');

    const crossSite = await fetch(`${water}/evidence`, { method: 'POST', headers: { origin: 'http://evil.example' }, body: evidenceForm(csrf, '台账.pdf', TINY_PDF, 3) });
    expect(crossSite.status).toBe(403);
    const noCsrf = await fetch(`${water}/evidence`, { method: 'POST', body: evidenceForm('forged', '台账.pdf', TINY_PDF, 3) });
    expect(noCsrf.status).toBe(403);
    const officeCross = await fetch(`${server.url}/bundle/build`, { method: 'POST', headers: { cookie: officeCookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=x' });
    expect(officeCross.status).toBe(403);

    // nothing reached evidence/ and the record holds every attempt
    expect(await readdir(path.join(project.dir, 'evidence'))).toEqual(['plan.pdf', 'water']);
    const events = server.record.events({ limit: 500 });
    const refused = events.filter((e) => e.outcome === 'refused').map((e) => `${e.who} ${e.action} ${e.detail.split(' ')[0]}`);
    expect(refused).toEqual(expect.arrayContaining([
      '区水务局 上传佐证材料 400', '区水务局 上传 413', '区水务局 跨站提交 403', '区水务局 上传佐证材料 403', '办公室 跨站提交 403',
      '区水务局 查看上传 403', '区水务局 查看指标 403', '区水务局 访问 403', '未认证 访问 401',
    ]));
    expect(events.find((e) => e.detail.includes('含有路径'))?.target).toBe('../../project.yaml.pdf');
  });

  it('revises only from a bundle folder in out/ and a round file in feedback/, never from a path it is sent', async () => {
    const csrf = await csrfOf(`${server.url}/bundle`, { cookie: officeCookie });
    const post = (fields: Record<string, string>) => fetch(`${server.url}/bundle/revise`, {
      method: 'POST', headers: { cookie: officeCookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
    const outside = await post({ from: '../../etc', feedback: '' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('没有名为“../../etc”的材料包，不能以它为上一版。');
    expect((await post({ from: project.dir, feedback: 'round-1.yaml' })).status).toBe(400);
    expect(((await (await fetch(`${server.url}/bundle/job`, { headers: { cookie: officeCookie } })).json()) as { state: string }).state).toBe('idle');
    const refused = server.record.events({ limit: 50 }).filter((e) => e.action === '生成修订版');
    expect(refused.map((e) => [e.who, e.outcome, e.detail.split(' ')[0]])).toEqual([['办公室', 'refused', '400'], ['办公室', 'refused', '400']]);
  });

  it('keeps the record across a restart and never stores a token', async () => {
    const { OfficeRecord } = await import('../../src/serve/record.ts');
    const again = new OfficeRecord(project.dir);
    try {
      expect(again.events({ limit: 1000 }).length).toBe(server.record.events({ limit: 1000 }).length);
      const token = links['区水务局']!.split('/u/')[1]!;
      expect(again.principalOf(token)).toBe('区水务局');
      const { readFile } = await import('node:fs/promises');
      const raw = await readFile(path.join(project.dir, '.eco-dossier', 'record.sqlite'));
      expect(raw.includes(Buffer.from(token))).toBe(false);
    } finally {
      again.close();
    }
  });
});
