import http from 'node:http';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken } from '../../src/serve/auth.ts';
import { startServer, type RunningServer } from '../../src/serve/server.ts';
import { onePagePdf, pngOf, pngRows, zipOf } from '../helpers/crafted.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, collectInto, editWorkbook, SAMPLE_YEARS } from '../workbook/helpers.ts';

/**
 * The attacks that once succeeded against the dashboard on its default bind (127.0.0.1), each replayed:
 * DNS rebinding, framing, overlapping accepts, content that lies about what it is, zip bombs, the waiting cap
 * passed by uploads at once, invalid workbooks kept on disk, a malformed form, words a unit cannot read.
 */

interface RawAnswer { status: number; headers: http.IncomingHttpHeaders; text: string }

/** A request with the Host header we choose (fetch would send the address it connects to). */
function raw(port: number, target: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** evidence.yaml as an office writes it by hand: a comment, quotes, indicators one per line. */
const HAND_WRITTEN = `# 佐证材料清单（办公室维护）
evidence:
  - id: E1
    file: plan.pdf
    indicators:
      - 1
      - 2
    title: "生态文明建设规划"
    issuer: 测试市示例区人民政府
    date: 2021-03-01
    docNo: 示政发〔2021〕1号
    kind: 文件

  - id: E2   # 水务局报来
    file: water/report.pdf
    indicators:
      - 3
    title: 污水处理情况报告
    issuer: 区水务局
    date: 2023-01-10
    kind: 报告
`;

describe('the dashboard on 127.0.0.1 against the attacks that once succeeded', () => {
  let project: MiniProject;
  let server: RunningServer;
  let work: string;
  let port: number;
  let books: Map<string, string>;
  const WATER = '区水务局';
  const ECOLOGY = '区生态环境分局';
  const links: Record<string, string> = {};

  const unitCsrf = (unit: string) => csrfToken(server.record.secret(), { kind: 'unit', unit });
  const officeCsrf = () => csrfToken(server.record.secret(), { kind: 'office' });
  const evidenceForm = (unit: string, name: string, bytes: Uint8Array, indicator: number) => {
    const body = new FormData();
    body.set('_csrf', unitCsrf(unit));
    body.set('file', new Blob([new Uint8Array(bytes)]), name);
    body.set('indicators', String(indicator));
    body.set('title', '运行台账');
    body.set('issuer', unit);
    body.set('date', '2023-05-10');
    body.set('kind', '台账');
    return body;
  };
  const uploadEvidence = (name: string, bytes: Uint8Array, indicator = 3) =>
    fetch(`${links[WATER]}/evidence`, { method: 'POST', headers: { origin: server.url }, body: evidenceForm(WATER, name, bytes, indicator) });
  const uploadWorkbook = (unit: string, name: string, bytes: Uint8Array) => {
    const body = new FormData();
    body.set('_csrf', unitCsrf(unit));
    body.set('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${links[unit]}/workbook`, { method: 'POST', headers: { origin: server.url }, body });
  };
  const notice = (text: string) => /id="notice">([\s\S]*?)<\/div>/.exec(text)?.[1] ?? '';

  beforeAll(async () => {
    project = await makeMiniProject((f) => {
      f['evidence.yaml'] = HAND_WRITTEN;
      // indicator 3 (区水务局) below its target: 未达标 with nothing missing
      f['results.yaml'] = f['results.yaml']!.replace('2022: 86.2', '2022: 60.5');
    });
    work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-attacks-'));
    books = await collectInto(project.dir, path.join(work, 'books'));
    server = await startServer({ projectDir: project.dir, outDir: path.join(work, 'out'), port: 0 });
    port = Number(new URL(server.url).port);
    for (const unit of [WATER, ECOLOGY]) links[unit] = `${server.url}/u/${server.record.issueToken(unit)}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await project?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('serves only its own names: a rebinding domain in Host gets 421, recorded; Origin is checked against our names, not Host', async () => {
    const rebound = await raw(port, '/units', { host: `rebind.attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.text).not.toContain('_csrf');
    expect((await raw(port, `/u/${links[WATER]!.split('/u/')[1]}`, { host: `rebind.attacker.example:${port}` })).status).toBe(421);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await raw(port, '/units', { host })).status, host).toBe(200);
    expect((await raw(port, '/units', { host: `127.0.0.1:${port + 1}` })).status).toBe(421);
    const refused = server.record.events({ limit: 50 }).filter((e) => e.detail.startsWith('421'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]!.detail).toContain('127.0.0.1:');

    // a POST whose Origin names the attacker's site with our own Host (a rebinding page after the switch)
    const body = new URLSearchParams({ _csrf: officeCsrf(), unit: '区综合执法局' }).toString();
    const forged = await raw(port, '/units/link', { host: `127.0.0.1:${port}`, origin: `http://rebind.attacker.example:${port}`, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body);
    expect(forged.status).toBe(403);
    const same = await raw(port, '/units/link', { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body);
    expect(same.status).toBe(200);
  });

  it('lets no page be framed by another site (frame-ancestors, X-Frame-Options) on every answer', async () => {
    for (const target of ['/', '/units', '/uploads', '/history', '/bundle/job', '/no-such-page', `/u/${links[WATER]!.split('/u/')[1]}`]) {
      const res = await fetch(server.url + target);
      expect(res.headers.get('content-security-policy'), target).toBe("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), target).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), target).toBe('no-referrer');
      expect(res.headers.get('cache-control'), target).toBe('no-store');
    }
    expect((await raw(port, '/', { host: 'evil.example' })).headers['x-frame-options']).toBe('DENY');
    // an evidence file is shown inside our own indicator page only
    const file = await fetch(`${server.url}/evidence/E1`);
    expect(file.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  });

  it('checks evidence by what it is: a PDF header before HTML, a PNG named .pdf, an /OpenAction script and an oversized image are refused with the reason', async () => {
    const fake = Buffer.from('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n', 'latin1');
    const fakeRes = await uploadEvidence('台账.pdf', fake);
    expect(fakeRes.status).toBe(400);
    expect(notice(await fakeRes.text())).toContain('PDF 文件已损坏或不完整');

    const png = pngOf(2, 2, pngRows(2, 2));
    const named = await uploadEvidence('照片.pdf', png);
    expect(named.status).toBe(400);
    expect(notice(await named.text())).toContain('内容是PNG 图片，与扩展名“.pdf”不符');

    const script = onePagePdf('', ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'], '/OpenAction 5 0 R ');
    const scripted = await uploadEvidence('通知.pdf', script);
    expect(scripted.status).toBe(400);
    expect(notice(await scripted.text())).toContain('打开时运行的 JavaScript 脚本');

    // a PNG whose header claims 20 000 × 20 000 pixels
    const huge = pngOf(20_000, 20_000, pngRows(1, 1));
    const hugeRes = await uploadEvidence('大图.png', huge);
    expect(hugeRes.status).toBe(400);
    expect(notice(await hugeRes.text())).toContain('像素过多');

    const fine = await uploadEvidence('运行台账.pdf', TINY_PDF);
    expect(fine.status).toBe(200);
    const id = /上传编号 (\d+)/.exec(await fine.text())![1]!;
    expect(server.record.upload(Number(id))!.detail).toContain('PDF，1 页');
    expect(server.record.uploads({ unit: WATER }).filter((u) => u.status === 'pending')).toHaveLength(1);
  });

  it('refuses a workbook that inflates past 50 MB or holds thousands of parts, before parsing it, in our words', async () => {
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await uploadWorkbook(WATER, '区水务局.xlsx', bomb);
    expect(res.status).toBe(400);
    const text = notice(await res.text());
    expect(text).toContain('解压后超过 50 MB');
    expect(text).not.toMatch(/Cannot|undefined|Error/);

    const many = zipOf(Array.from({ length: 2500 }, (_, k) => ({ name: `xl/part${k}.xml`, data: Buffer.from('<x/>') })));
    const manyRes = await uploadWorkbook(WATER, '区水务局.xlsx', many);
    expect(manyRes.status).toBe(400);
    expect(notice(await manyRes.text())).toContain('2500 个部件');

    // a zip whose parts are not a workbook: our message, not the parser's
    const broken = zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook') }]);
    const brokenRes = await uploadWorkbook(WATER, '区水务局.xlsx', broken);
    expect(brokenRes.status).toBe(400);
    const brokenPage = await brokenRes.text();
    expect(notice(brokenPage)).toMatch(/^填报表“区水务局\.xlsx”无法读取：文件已损坏/);
    expect(brokenPage).not.toMatch(/Cannot read|undefined \(reading/);
    // nothing of these kept
    expect(server.record.uploads({ unit: WATER }).filter((u) => u.kind === 'workbook')).toHaveLength(0);
  });

  it('answers a malformed multipart body with 400 and a reason', async () => {
    const res = await fetch(`${links[WATER]}/evidence`, {
      method: 'POST', headers: { origin: server.url, 'content-type': 'multipart/form-data; boundary=----x' }, body: '------x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('表单无法解析');
  });

  it('refuses a form without a file past 64 KB before reading it, and an upload field past 500 characters', async () => {
    const fields = `_csrf=${officeCsrf()}&${'a=4&'.repeat(40_000)}`;
    const plain = await raw(port, '/units/link', { host: `127.0.0.1:${port}`, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', fields);
    expect(plain.status).toBe(413);
    expect(plain.text).toContain('提交的内容过长');
    const form = evidenceForm(WATER, 'long.pdf', TINY_PDF, 3);
    form.set('title', '台'.repeat(501));
    const long = await fetch(`${links[WATER]}/evidence`, { method: 'POST', headers: { origin: server.url }, body: form });
    expect(long.status).toBe(400);
    expect(notice(await long.text())).toContain('每项不超过 500 字');
  });

  it('writes at most 20 refusals of unsigned requests a minute, so a flood cannot push real entries out of 记录', async () => {
    const before = server.record.events({ limit: 5000 }).filter((e) => e.who === '未认证').length;
    for (let k = 0; k < 60; k++) await fetch(`${server.url}/u/not-a-token-${k}`);
    const after = server.record.events({ limit: 5000 }).filter((e) => e.who === '未认证').length;
    // 20 a minute (other tests' refusals share them); 60 requests may straddle two minutes, never three
    expect(after - before).toBeLessThanOrEqual(41);
  });

  it('gives no unit a link under the office’s own name (links are kept by name)', async () => {
    const named = await makeMiniProject((f) => {
      f['project.yaml'] = f['project.yaml']!.replace('  - name: 区水务局\n', '  - name: 区水务局\n  - name: 办公室\n');
    });
    const other = await startServer({ projectDir: named.dir, outDir: path.join(work, 'out-named'), port: 0 });
    try {
      const p = Number(new URL(other.url).port);
      const body = new URLSearchParams({ _csrf: csrfToken(other.record.secret(), { kind: 'office' }), unit: '办公室' }).toString();
      const res = await raw(p, '/units/link', { host: `127.0.0.1:${p}`, origin: other.url, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body);
      expect(res.status).toBe(400);
      expect(res.text).toContain('与领导小组办公室本身重名');
    } finally {
      await other.close();
      await named.cleanup();
    }
  });

  it('keeps only the error list of an invalid workbook, no bytes', async () => {
    const file = path.join(work, 'invalid.xlsx');
    const { copyFile } = await import('node:fs/promises');
    await copyFile(books.get(WATER)!, file);
    await editWorkbook(file, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '3', '2022年数值')).value = '八十七';
    });
    const res = await uploadWorkbook(WATER, '区水务局.xlsx', await readFile(file));
    expect(res.status).toBe(400);
    const row = server.record.uploads({ unit: WATER }).find((u) => u.kind === 'workbook')!;
    expect(row.status).toBe('invalid');
    expect(row.stored).toBe('');
    expect(JSON.parse(row.detail).errors.length).toBeGreaterThan(0);
    const kept = await stat(path.join(project.dir, '.eco-dossier', 'uploads', String(row.id))).then(() => true, () => false);
    expect(kept).toBe(false);
    expect((await fetch(`${server.url}/uploads/${row.id}/file`)).status).toBe(404);
  });

  it('applies one of five overlapping accepts (the others 409): one copy, one entry, the rest of evidence.yaml byte for byte', async () => {
    const upload = server.record.uploads({ unit: WATER, status: 'pending' })[0]!;
    const before = await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8');
    const accept = () => fetch(`${server.url}/uploads/${upload.id}/accept`, {
      method: 'POST', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: officeCsrf(), overwrite: '0' }),
    }).then((r) => r.status);
    const statuses = await Promise.all([accept(), accept(), accept(), accept(), accept()]);
    expect(statuses.sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await readdir(path.join(project.dir, 'evidence', WATER))).toEqual(['运行台账.pdf']);
    const after = await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8');
    expect(after.split(`id: upload-${upload.id}`).length - 1).toBe(1);
    // the hand-written text is untouched; the new entry follows in the file's style (indicators one per line)
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(`  - id: upload-${upload.id}\n    file: ${WATER}/运行台账.pdf\n    indicators:\n      - 3\n    title: 运行台账\n    issuer: ${WATER}\n    date: 2023-05-10\n    kind: 台账\n`);
    expect(server.record.upload(upload.id)!.status).toBe('accepted');
    // the waiting copy is gone: the file lives under evidence/ now
    expect(server.record.upload(upload.id)!.stored).toBe('');
    expect(await stat(path.join(project.dir, '.eco-dossier', 'uploads', String(upload.id))).then(() => true, () => false)).toBe(false);
    expect(server.record.events({ limit: 100 }).filter((e) => e.action === '接受' && e.outcome === 'ok')).toHaveLength(1);
  });

  it('states on the unit page why every indicator that is not 达标 is not, and uses no command-line words on any page', async () => {
    const unitPage = await (await fetch(links[WATER]!)).text();
    const rows = [...unitPage.matchAll(/<tr><td class="nw">(\d+)<\/td><td><a [^>]*>[^<]*<\/a><\/td><td class="nw">[^<]*<\/td><td class="nw v-([^"]+)">[^<]*<\/td><td>([\s\S]*?)<\/td><\/tr>/g)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, no, verdict, missing] of rows) {
      if (verdict !== '达标') expect(missing, `indicator ${no}`).not.toMatch(/^(<span class="ok">)?—/);
    }
    expect(rows.some(([, , verdict]) => verdict !== '达标')).toBe(true);
    for (const target of ['/', '/units', '/indicators', '/indicators/3', '/problems', '/bundle', '/uploads', '/history']) {
      const text = (await (await fetch(server.url + target)).text()).replace(/<div class="card sample" id="local-only">[\s\S]*?<\/div>/, '').replace(/<script>[\s\S]*?<\/script>/g, '');
      expect(text, target).not.toMatch(/按 <code>import|results\.yaml 不一致|--overwrite|eco-dossier (build|revise|import)|feedback\//);
    }
    expect(unitPage).not.toMatch(/<code>import<\/code>|results\.yaml|--overwrite/);
  });

  it('tells the office on 责任单位 that unit links need the LAN mode, and how to start it', async () => {
    const text = await (await fetch(`${server.url}/units`)).text();
    expect(text).toContain('id="local-only"');
    expect(text).toContain('--host 0.0.0.0');
  });

  it('holds the waiting cap when ten workbooks arrive at once at 59 waiting', async () => {
    for (let k = 0; k < 59; k++) {
      server.record.addUpload({ unit: ECOLOGY, kind: 'evidence', name: `旧${k}.pdf`, stored: `uploads/old/${k}.pdf`, sha256: '0', bytes: 1, detail: JSON.stringify({ indicators: [1], title: `旧材料${k}`, issuer: ECOLOGY, date: '2023-01-01', kind: '台账' }), status: 'pending' });
    }
    const book = await readFile(books.get(ECOLOGY)!);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => uploadWorkbook(ECOLOGY, path.basename(books.get(ECOLOGY)!), book).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect(server.record.countUploads(ECOLOGY, 'pending')).toBe(60);
    // nothing left half-written beside the kept uploads
    expect((await readdir(path.join(project.dir, '.eco-dossier', 'uploads'))).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);
});
