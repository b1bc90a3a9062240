import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { collectWorkbook } from '../workbook/index.ts';
import { csrfMatches, csrfToken, opensWithoutToken, OFFICE_COOKIE, principalName, principalOfToken, type Principal } from './auth.ts';
import { submitBundle } from '../bundle/index.ts';
import { isRealDate } from '../model/index.ts';
import { dashboardOf, todayInChina, type Dashboard } from './dashboard.ts';
import { html, page, type Html, type NavItem } from './html.ts';
import { BuildJobs, listDownloads } from './jobs.ts';
import { indicatorBody, indicatorsBody, problemsBody } from './pages/indicators.ts';
import { overviewBody, unitsBody } from './pages/overview.ts';
import { BUILD_SCRIPT, bundleBody } from './pages/bundle.ts';
import { historyBody, inboxBody } from './pages/records.ts';
import { feedbackRounds, listRevisions } from './revisions.ts';
import { unitIndicatorsBody, unitPortalBody } from './pages/unit.ts';
import { OFFICE, STATE_DIR, type OfficeRecord } from './record.ts';
import { FRAME_HEADERS, foreignOrigin, recordedPath, servesHost, type OurOrigins } from './origin.ts';
import { PerState } from './page-cache.ts';
import type { ProjectState } from './state.ts';
import type { CheckedProject } from '../load/index.ts';
import { acceptUpload, rejectUpload } from './acceptance.ts';
import { LIMITS, receiveEvidence, receiveWorkbook, UploadRefused } from './uploads.ts';
import { BodyGate, BusyError } from './body-gate.ts';
import { RefusalLog } from './refusal-log.ts';

export interface AppOptions {
  readonly state: ProjectState;
  readonly record: OfficeRecord;
  /** the address the server listens on: anything but 127.0.0.1/::1/localhost makes every request need a token */
  readonly host: string;
  readonly outDir: string;
  /** YYYY-MM-DD; default today in China */
  readonly today?: () => string;
  /** the names this server answers to and makes links with (known once it listens) */
  readonly origins: () => OurOrigins;
}

type Env = { Variables: { who: Principal } };

const OFFICE_NAV: readonly NavItem[] = [
  { href: '/', label: '总览' }, { href: '/units', label: '责任单位' }, { href: '/indicators', label: '指标' }, { href: '/problems', label: '问题' },
  { href: '/bundle', label: '材料包' }, { href: '/uploads', label: '收件' }, { href: '/history', label: '记录' },
];

const MIME: Readonly<Record<string, string>> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' };

/** 2023-07-20 14:05 (China time): the minute a count of refusals belongs to. */
function minuteText(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function createApp(options: AppOptions): Hono<Env> {
  const { state, record } = options;
  const jobs = new BuildJobs(state, record, options.outDir);
  const needToken = !opensWithoutToken(options.host);
  const secret = record.secret();
  const today = options.today ?? (() => todayInChina());
  const app = new Hono<Env>();

  // unsigned refusals: a few a minute written, the rest counted (refusal-log.ts)
  const anonymousRefusals = new RefusalLog((skipped, minute) => record.log({
    who: '未认证', action: '访问', target: '（多次）', outcome: 'refused', detail: `${minuteText(minute)}起的一分钟内另有 ${skipped} 次未认证的访问被拒绝，未逐条记录`,
  }));
  const logRefusal = (event: Parameters<typeof record.log>[0]) =>
    (event.who === '未认证' ? anonymousRefusals.refused(() => record.log(event)) : record.log(event));
  const refuse = (c: Context<Env>, status: 400 | 401 | 403 | 404 | 409 | 413 | 421 | 429 | 503, message: string, action: string) => {
    logRefusal({ who: principalName(c.get('who') ?? { kind: 'anonymous' }), action, target: `${c.req.method} ${recordedPath(c.req.path)}`, outcome: 'refused', detail: `${status} ${message}` });
    return c.html(page({ title: '无法访问', heading: '生态文明建设示范区申报', nav: [], body: html`<div class="card"><h2>${status === 401 ? '需要专用链接' : status === 403 ? '无权访问' : '请求未被接受'}</h2><p>${message}</p></div>` }), status);
  };

  // no page of ours inside another site's frame; only our own names served (a rebinding domain names itself in Host)
  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    if (!servesHost(options.origins(), host)) {
      c.set('who', { kind: 'anonymous' });
      logRefusal({ who: '未认证', action: '访问', target: `${c.req.method} ${recordedPath(c.req.path)}`, outcome: 'refused', detail: `421 Host“${String(host ?? '').slice(0, 80)}”不是本服务的地址` });
      c.res = c.html(page({ title: '无法访问', heading: '生态文明建设示范区申报', nav: [], body: html`<div class="card"><h2>地址不对</h2><p>请用办公室给出的地址打开本工作台。</p></div>` }), 421);
    } else {
      await next();
    }
    for (const [k, v] of Object.entries(FRAME_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  // who is asking, before anything is read
  app.use('*', async (c, next) => {
    const unitPath = /^\/u\/([^/]+)(?:\/|$)/.exec(c.req.path);
    if (unitPath) {
      const who = principalOfToken(record, unitPath[1]);
      c.set('who', who.kind === 'unit' ? who : { kind: 'anonymous' });
      if (who.kind !== 'unit') return refuse(c, 401, '这个单位链接无效或已被办公室更换，请向领导小组办公室索取新的链接。', '访问');
    } else {
      const query = c.req.query('token');
      const bearer = /^Bearer\s+(\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const who = principalOfToken(record, query ?? bearer ?? getCookie(c, OFFICE_COOKIE));
      if (who.kind === 'unit') {
        c.set('who', who);
        return refuse(c, 403, '单位链接只能打开本单位的页面。', '访问');
      }
      if (who.kind === 'office' && query) {
        setCookie(c, OFFICE_COOKIE, query, { httpOnly: true, sameSite: 'Strict', path: '/' });
        return c.redirect(c.req.path, 303);
      }
      c.set('who', who.kind === 'office' || !needToken ? { kind: 'office' } : who);
      if (who.kind === 'anonymous' && needToken) return refuse(c, 401, '本服务在局域网地址上运行，每个请求都需要办公室或单位的专用链接。', '访问');
    }
    if (c.req.method === 'POST') {
      if (foreignOrigin(options.origins(), (n) => c.req.header(n))) return refuse(c, 403, '拒绝来自其他网站的提交。', '跨站提交');
      const length = Number(c.req.header('content-length') ?? 'NaN');
      if (!Number.isFinite(length)) return refuse(c, 400, '提交缺少长度（Content-Length）。', '上传');
      if (length > LIMITS.requestBytes) return refuse(c, 413, `一次提交不能超过 ${LIMITS.requestBytes / 1048576} MB。`, '上传');
      // only an upload carries a file: any other form is a few fields (7 million of them froze the server 12 s),
      // whatever its Content-Type says
      const upload = /^\/u\/[^/]+\/(?:workbook|evidence)$/.test(c.req.path);
      if (!upload && length > LIMITS.plainFormBytes) return refuse(c, 413, '提交的内容过长。', '提交');
    }
    return next();
  });

  const form = async (c: Context<Env>) => {
    const body = await c.req.parseBody({ all: true }).catch(() => {
      throw new UploadRefused(400, '提交的内容不完整或格式有误（表单无法解析），请刷新页面后重新提交。');
    });
    if (!csrfMatches(secret, c.get('who'), body['_csrf'])) throw new UploadRefused(403, '表单已过期或来自其他网站，请刷新页面后重试。');
    return body;
  };
  const csrfOf = (c: Context<Env>) => csrfToken(secret, c.get('who'));
  // one dashboard per validation and day, and the parts drawn from it (charts) once each
  const dashboards = new WeakMap<CheckedProject, { readonly today: string; readonly d: Dashboard | undefined }>();
  const parts = new PerState<Dashboard, Html>();
  const dashboard = async (): Promise<Dashboard | undefined> => {
    const checked = await state.checked();
    const day = today();
    const hit = dashboards.get(checked);
    if (hit?.today === day) return hit.d;
    const d = dashboardOf(checked, day);
    dashboards.set(checked, { today: day, d });
    return d;
  };
  const officePage = (c: Context<Env>, title: string, body: Html, status: 200 | 400 | 403 | 409 = 200, script?: string) =>
    c.html(page({ title: `${title} · 生态文明建设示范区申报`, heading: '生态文明建设示范区申报 · 领导小组办公室', nav: OFFICE_NAV, current: c.req.path === '/' ? '/' : `/${c.req.path.split('/')[1]}`, body: html`<h2>${title}</h2>${body}`, ...(script ? { script } : {}) }), status);
  const unloadable = (c: Context<Env>) => c.redirect('/problems', 303);

  app.get('/', async (c) => {
    const d = await dashboard();
    return d ? officePage(c, '总览', parts.get(d, 'overview', () => overviewBody(d))) : unloadable(c);
  });
  app.get('/units', async (c) => {
    const d = await dashboard();
    return d ? officePage(c, '责任单位', html`${needToken ? '' : LOCAL_ONLY_NOTE}${unitsBody(d, (unit) => linkForm(unit, csrfOf(c), record.tokenIssuedAt(unit)))}`) : unloadable(c);
  });
  app.post('/units/link', async (c) => {
    const d = await dashboard();
    const body = await form(c);
    const unit = String(body['unit'] ?? '');
    if (!d || !d.data.project.units.some((u) => u.name === unit)) return refuse(c, 400, `没有名为“${unit}”的责任单位。`, '发放链接');
    // links are kept by name, and the office's own is kept as 办公室: a unit of that name would take it over
    if (unit === OFFICE) return refuse(c, 400, `责任单位不能叫“${OFFICE}”（与领导小组办公室本身重名），请在 project.yaml 和 indicators.yaml 中写单位全称（如 区委办公室）后再发放链接。`, '发放链接');
    const token = record.issueToken(unit);
    record.log({ who: OFFICE, action: '发放链接', target: unit, outcome: 'ok', detail: '新链接生效，旧链接作废' });
    const url = `${options.origins().base}/u/${token}`;
    return officePage(c, '责任单位', html`${needToken ? '' : LOCAL_ONLY_NOTE}<div class="card"><p>${unit} 的专用链接（只显示这一次，请复制后发给该单位联络员；再次生成会使这个链接作废）：</p><p class="link" id="new-link">${url}</p></div>${unitsBody(d, (u) => linkForm(u, csrfOf(c), record.tokenIssuedAt(u)))}`);
  });
  app.get('/indicators', async (c) => {
    const d = await dashboard();
    return d ? officePage(c, '指标', parts.get(d, 'indicators', () => indicatorsBody(d))) : unloadable(c);
  });
  app.get('/indicators/:no{[0-9]+}', async (c) => {
    const d = await dashboard();
    if (!d) return unloadable(c);
    const no = Number(c.req.param('no'));
    if (!d.data.indicators.some((i) => i.no === no)) return c.notFound();
    return officePage(c, `指标 ${no}`, parts.get(d, `indicator-${no}`, () => indicatorBody(d, no, (id) => `/evidence/${encodeURIComponent(id)}`)));
  });
  app.get('/evidence/:id', async (c) => {
    const d = await dashboard();
    const item = d?.data.evidence.find((e) => e.id === c.req.param('id'));
    if (!item) return c.notFound();
    return sendFile(c, item.absPath, MIME[item.type]!, 'inline');
  });
  app.get('/problems', async (c) => {
    const checked = await state.checked();
    return officePage(c, '问题', problemsBody(dashboardOf(checked, today()), checked.issues));
  });
  const bundlePage = async (c: Context<Env>) => officePage(c, '材料包', bundleBody({
    dashboard: await dashboard(), job: jobs.current(), downloads: await listDownloads(options.outDir),
    revisions: await listRevisions(options.outDir), rounds: await feedbackRounds(state.dir), csrf: csrfOf(c),
  }), 200, BUILD_SCRIPT);
  app.get('/bundle', (c) => bundlePage(c));
  app.post('/bundle/build', async (c) => {
    await form(c);
    jobs.start(OFFICE);
    return c.redirect('/bundle', 303);
  });
  app.post('/bundle/revise', async (c) => {
    const body = await form(c);
    // only what the page offered: a bundle folder in out/ and a round file in feedback/ (never a path)
    const from = String(body['from'] ?? '');
    const feedback = String(body['feedback'] ?? '');
    if (!(await listRevisions(options.outDir)).some((r) => r.folder === from)) return refuse(c, 400, `没有名为“${from}”的材料包，不能以它为上一版。`, '生成修订版');
    if (feedback && !(await feedbackRounds(state.dir)).includes(feedback)) return refuse(c, 400, `没有登记名为“${feedback}”的审查意见。`, '生成修订版');
    jobs.startRevise(OFFICE, { from, ...(feedback ? { feedback } : {}), fullZip: body['full'] === '1' });
    return c.redirect('/bundle', 303);
  });
  app.post('/bundle/submit', async (c) => {
    const body = await form(c);
    // only a bundle folder the page listed, as `eco-dossier submit` records it
    const folder = String(body['folder'] ?? '');
    const to = String(body['to'] ?? '').trim();
    const date = String(body['date'] ?? '');
    if (!(await listRevisions(options.outDir)).some((r) => r.folder === folder)) return refuse(c, 400, `out/ 中没有名为“${folder}”的材料包。`, '报送');
    if (!to || !isRealDate(date)) return refuse(c, 400, '请写明接收单位，并选择报送日期。', '报送');
    const sent = await submitBundle({ location: path.join(options.outDir, folder), to, date });
    const s = sent.submission;
    if (!sent.ok || !s) return refuse(c, 400, `未记录为已报送：${sent.issues.map((i) => i.message).join('；')}`, '报送');
    if (!sent.unchanged) record.log({ who: OFFICE, action: '报送', target: s.zip ?? s.bundle, ...(s.zipSha256 ? { sha256: s.zipSha256 } : {}), outcome: 'ok', detail: `第${s.revision}版于${s.date}报送${s.to}` });
    return c.redirect('/bundle', 303);
  });
  app.get('/bundle/job', (c) => c.json(jobs.current()));
  app.get('/download/:name', async (c) => {
    const name = c.req.param('name');
    const listed = (await listDownloads(options.outDir)).find((x) => x.name === name);
    if (!listed) return c.notFound();
    record.log({ who: OFFICE, action: '下载', target: name, outcome: 'ok' });
    return sendFile(c, path.join(options.outDir, name), 'application/zip', 'attachment');
  });
  app.get('/uploads', (c) => officePage(c, '收件', inboxBody(record.uploads(), csrfOf(c))));
  app.get('/uploads/:id{[0-9]+}/file', async (c) => {
    const u = record.upload(Number(c.req.param('id')));
    if (!u || !u.stored) return c.notFound();
    const type = u.kind === 'workbook' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : /\.pdf$/i.test(u.name) ? 'application/pdf' : /\.png$/i.test(u.name) ? 'image/png' : 'image/jpeg';
    return sendFile(c, path.join(state.dir, STATE_DIR, u.stored), type, u.kind === 'workbook' ? 'attachment' : 'inline', u.name);
  });
  app.post('/uploads/:id{[0-9]+}/:decision{accept|reject}', async (c) => {
    const body = await form(c);
    const id = Number(c.req.param('id'));
    if (!record.upload(id)) return c.notFound();
    // claimed inside the exclusive section: of overlapping requests one applies it, the others get 409
    const decision = c.req.param('decision') === 'reject'
      ? await rejectUpload(state, record, id, String(body['note'] ?? '').slice(0, 200))
      : await acceptUpload(state, record, id, { overwrite: body['overwrite'] === '1' });
    const notice = html`<div class="card ${decision.ok ? 'ok' : 'bad'}" id="notice">上传 ${id}：${decision.message}${decision.issues.length ? html`<ul>${decision.issues.map((x) => html`<li>${x}</li>`)}</ul>` : ''}</div>`;
    return officePage(c, '收件', inboxBody(record.uploads(), csrfOf(c), notice), decision.status);
  });
  app.get('/history', (c) => officePage(c, '记录', historyBody(record.events({ limit: 300 }))));

  // a unit's own pages: /u/<token>/…
  const unitOf = (c: Context<Env>) => (c.get('who') as { unit: string }).unit;
  const unitPage = (c: Context<Env>, title: string, body: Html, status: 200 | 400 | 403 | 409 | 413 | 429 | 503 = 200) => {
    const base = `/u/${c.req.param('token')}`;
    return c.html(page({ title: `${unitOf(c)} · ${title}`, heading: `${unitOf(c)} · 生态文明建设示范区申报材料报送`, nav: [{ href: base, label: '本单位' }, { href: `${base}/indicators`, label: '本单位指标' }], current: c.req.path, body: html`<h2>${title}</h2>${body}` }), status);
  };
  const portal = async (c: Context<Env>, notice?: Html, status: 200 | 400 | 403 | 409 | 413 | 429 | 503 = 200) => {
    const d = await dashboard();
    if (!d) return unitPage(c, '本单位', html`<div class="card bad">项目数据暂时有错误，办公室正在处理，请稍后再来。</div>`);
    return unitPage(c, '本单位', unitPortalBody(d, unitOf(c), `/u/${c.req.param('token')}`, record.uploads({ unit: unitOf(c) }), csrfOf(c), notice), status);
  };
  app.get('/u/:token', (c) => portal(c));
  app.get('/u/:token/indicators', async (c) => {
    const d = await dashboard();
    return d ? unitPage(c, '本单位指标', unitIndicatorsBody(d, unitOf(c), `/u/${c.req.param('token')}`)) : portal(c);
  });
  app.get('/u/:token/indicators/:no{[0-9]+}', async (c) => {
    const d = await dashboard();
    if (!d) return portal(c);
    const ind = d.data.indicators.find((i) => i.no === Number(c.req.param('no')));
    if (!ind) return c.notFound();
    if (!ind.units.includes(unitOf(c))) return refuse(c, 403, `指标 ${ind.no} 不由${unitOf(c)}负责，不能查看。`, '查看指标');
    return unitPage(c, `指标 ${ind.no}`, parts.get(d, `unit-indicator-${ind.no}`, () => indicatorBody(d, ind.no, undefined)));
  });
  app.get('/u/:token/uploads/:id{[0-9]+}', (c) => {
    const u = record.upload(Number(c.req.param('id')));
    if (!u) return c.notFound();
    if (u.unit !== unitOf(c)) return refuse(c, 403, `上传 ${u.id} 不是${unitOf(c)}的，不能查看。`, '查看上传');
    return c.json({ id: u.id, name: u.name, status: u.status, note: u.note, sha256: u.sha256 });
  });
  app.get('/u/:token/workbook', async (c) => {
    const d = await dashboard();
    if (!d) return portal(c);
    const book = await collectWorkbook(d.data, unitOf(c));
    record.log({ who: unitOf(c), action: '下载填报表', target: book.fileName, outcome: 'ok' });
    return c.body(new Uint8Array(book.bytes), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': contentDisposition('attachment', book.fileName) });
  });
  const uploads = new BodyGate();
  app.post('/u/:token/:kind{workbook|evidence}', async (c) => {
    const unit = unitOf(c);
    const kind = c.req.param('kind');
    const action = kind === 'workbook' ? '上传填报表' : '上传佐证材料';
    let fileName = '';
    try {
      return await uploads.run(async () => {
        const body = await form(c);
        const files = Object.values(body).flat().filter((v): v is File => v instanceof File);
        if (files.length !== 1) throw new UploadRefused(400, files.length ? '一次只能上传一个文件' : '没有选择文件');
        const file = files[0]!;
        fileName = file.name;
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (kind === 'workbook') {
          const { id, preview } = await receiveWorkbook(state, record, unit, file.name, bytes);
          const sha = record.upload(id)!.sha256;
          record.log({ who: unit, action, target: file.name, sha256: sha, outcome: preview.errors.length ? 'refused' : 'ok', detail: preview.errors.length ? `有 ${preview.errors.length} 处错误` : `等待办公室确认（${preview.changes.length} 项数据，${preview.conflicts.length} 处不一致）` });
          return portal(c, html`<div class="card ${preview.errors.length ? 'bad' : 'ok'}" id="notice">${preview.errors.length ? `填报表有 ${preview.errors.length} 处错误，请按下面的位置改正后重新上传。` : `已收到填报表（上传编号 ${id}），等待办公室确认。`}</div>`, preview.errors.length ? 400 : 200);
        }
        const d = await dashboard();
        const mine = new Set((d?.data.indicators ?? []).filter((i) => i.units.includes(unit)).map((i) => i.no));
        const indicators = [...new Set([body['indicators']].flat().filter((x) => x !== undefined).map((x) => Number(x)))];
        const foreign = indicators.filter((n) => !mine.has(n));
        if (foreign.length) throw new UploadRefused(403, `指标 ${foreign.join('、')} 不由${unit}负责，不能为它上传材料`);
        if (indicators.length === 0) throw new UploadRefused(400, '请勾选这份材料证明的指标');
        const text = (k: string) => {
          const value = String(body[k] ?? '').trim();
          if (value.length > LIMITS.fieldChars) throw new UploadRefused(400, `填写的内容过长（每项不超过 ${LIMITS.fieldChars} 字）`);
          return value;
        };
        const id = await receiveEvidence(state, record, unit, file.name, bytes, {
          indicators, title: text('title'), issuer: text('issuer'), date: text('date'), ...(text('docNo') ? { docNo: text('docNo') } : {}), kind: text('kind'),
        });
        record.log({ who: unit, action, target: file.name, sha256: record.upload(id)!.sha256, outcome: 'ok', detail: '等待办公室确认' });
        return portal(c, html`<div class="card ok" id="notice">已收到佐证材料（上传编号 ${id}），等待办公室确认。</div>`);
      });
    } catch (e) {
      if (e instanceof BusyError) e = new UploadRefused(503, e.message);
      if (!(e instanceof UploadRefused)) throw e;
      record.log({ who: unit, action, target: fileName, outcome: 'refused', detail: `${e.status} ${e.message}` });
      return portal(c, html`<div class="card bad" id="notice">${e.message}</div>`, e.status);
    }
  });

  app.onError((e, c) => {
    if (e instanceof UploadRefused) return refuse(c, e.status, e.message, '提交');
    record.log({ who: principalName(c.get('who') ?? { kind: 'anonymous' }), action: '出错', target: recordedPath(c.req.path), outcome: 'failed', detail: e.message.slice(0, 300) });
    return c.html(page({ title: '出错', heading: '生态文明建设示范区申报', nav: [], body: html`<div class="card bad"><h2>出错了</h2><p>这一步没有完成，项目文件没有改动。请稍后重试；如果仍然出错，请告诉领导小组办公室（“记录”页记下了出错的时间）。</p></div>` }), 500);
  });
  app.notFound((c) => c.html(page({ title: '找不到', heading: '生态文明建设示范区申报', nav: [], body: html`<div class="card"><h2>找不到这个页面</h2></div>` }), 404));
  return app;
}

/** On a local bind a unit's link opens only on this computer: the page says so, and how to start the LAN mode. */
const LOCAL_ONLY_NOTE = html`<div class="card sample" id="local-only"><b>单位链接目前只能在这台电脑上打开。</b>工作台现在只允许本机访问；要让各单位从自己的电脑打开链接，
请让启动工作台的同事先停止它（在它的黑色窗口中按 Ctrl+C），再以局域网模式启动：<code>eco-dossier serve --host 0.0.0.0</code>。
局域网模式下每个页面都需要专用链接，启动时会显示办公室的链接；然后回到本页为各单位生成链接。</div>`;

function linkForm(unit: string, csrf: string, issuedAt: string | undefined): Html {
  return html`<form method="post" action="/units/link" class="inline link-form"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="unit" value="${unit}">
<button class="secondary">${issuedAt ? '重新生成专用链接' : '生成专用链接'}</button> <span class="muted">${issuedAt ? `当前链接发放于 ${issuedAt.slice(0, 10)}` : '尚未发放链接'}</span></form>`;
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendFile(c: Context<Env>, file: string, type: string, kind: 'inline' | 'attachment', name = path.basename(file)) {
  const s = await stat(file);
  const stream = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream;
  // an evidence file is shown inside our own indicator page (an iframe there), never inside another site's
  const frames: Record<string, string> = kind === 'inline' ? { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'SAMEORIGIN' } : {};
  return c.body(stream, 200, { 'content-type': type, 'content-length': String(s.size), 'content-disposition': contentDisposition(kind, name), 'x-content-type-options': 'nosniff', ...frames });
}
