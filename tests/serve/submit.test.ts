import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { startServer, type RunningServer } from '../../src/serve/server.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

const BUNDLE = '示例区-国家生态文明建设示范区申报材料-r1';

describe('已报送 on the 材料包 page', () => {
  let project: MiniProject;
  let server: RunningServer;
  let work: string;
  beforeAll(async () => {
    project = await makeMiniProject();
    work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-submit-'));
    expect((await buildBundle(project.dir, { outDir: path.join(work, 'out') })).ok).toBe(true);
    server = await startServer({ projectDir: project.dir, outDir: path.join(work, 'out'), host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await project?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('records a listed bundle as sent, like eco-dossier submit, and refuses anything else', async () => {
    const page = await (await fetch(`${server.url}/bundle`)).text();
    expect(page).toContain('action="/bundle/submit"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const post = (fields: Record<string, string>) => fetch(`${server.url}/bundle/submit`, {
      method: 'POST', redirect: 'manual', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
    expect((await post({ folder: '../..', to: '生态环境部', date: '2023-07-25' })).status).toBe(400);
    expect((await post({ folder: BUNDLE, to: '生态环境部', date: '2023-07-32' })).status).toBe(400);
    expect(existsSync(path.join(work, 'out', `${BUNDLE}.已报送.json`))).toBe(false);

    expect((await post({ folder: BUNDLE, to: '生态环境部', date: '2023-07-25' })).status).toBe(303);
    expect(existsSync(path.join(work, 'out', `${BUNDLE}.已报送.json`))).toBe(true);
    const after = await (await fetch(`${server.url}/bundle`)).text();
    expect(after).toContain('2023-07-25 报送生态环境部');
    expect(after).not.toContain('action="/bundle/submit"');
    expect(server.record.events({ limit: 50 })).toContainEqual(expect.objectContaining({ who: '办公室', action: '报送', target: `${BUNDLE}.zip`, outcome: 'ok' }));
  });
});
