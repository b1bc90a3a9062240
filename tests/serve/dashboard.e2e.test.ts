import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkProject } from '../../src/load/check.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { startServer, type RunningServer } from '../../src/serve/server.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, collectInto, editWorkbook, SAMPLE_YEARS } from '../workbook/helpers.ts';
import { haveChromium, launchChromium } from './browser.ts';

/**
 * The whole path in a real browser: the office opens every page and issues links; 区水务局 follows its link,
 * uploads a filled workbook and an evidence PDF, and is refused another unit's indicator; the office accepts
 * both, builds, downloads the zip and it verifies. Screenshots go to $DASHBOARD_SHOTS when set.
 */
/** A review round for the mini project (示例数据): indicator 3's 2022 value corrected. */
const ROUND_1 = `round: 1
stage: 省市级预审
reviewer: 测试省生态环境厅
date: 2023-07-12
responseDate: 2023-07-20
items:
  - id: R1-01
    indicator: 3
    comment: 指标3“城镇污水处理率”2022年现状值请按年报终核数核实。
    response:
      text: 经核实，已按2022年度终核数据更正（示例）。
      values:
        - year: 2022
          value: 87.4
          note: 按区水务局2022年度终核数据更正（示例）
`;

describe.runIf(haveChromium())('serve in a browser', () => {
  let project: MiniProject;
  let server: RunningServer;
  let browser: Browser;
  let work: string;
  const shots = process.env.DASHBOARD_SHOTS;

  beforeAll(async () => {
    // the answer to a review round names its contact person (revise refuses it without)
    project = await makeMiniProject((f) => {
      f['project.yaml'] = f['project.yaml']!.replace('  office: 区生态环境分局生态科', '  office: 区生态环境分局生态科\n  person: 赵六\n  phone: 0537-0000000');
    });
    work = await import('node:fs/promises').then((fs) => fs.mkdtemp(path.join(os.tmpdir(), 'eco-serve-')));
    server = await startServer({ projectDir: project.dir, outDir: path.join(work, 'out'), port: 0, today: () => '2023-06-20' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await project?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const shot = async (page: Page, name: string) => {
    if (!shots) return;
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };

  it('takes a unit from its link to a verified bundle', async () => {
    const office = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pages: [string, string, string][] = [
      ['/', '总览', '约束性指标达标 2/2'], ['/units', '责任单位', '区水务局'], ['/indicators', '指标', '城镇污水处理率'],
      ['/indicators/3', '指标 3', '污水处理情况报告'], ['/problems', '问题', '没有错误'], ['/bundle', '材料包', '生成材料包'],
      ['/uploads', '收件', '没有等待处理的上传'], ['/history', '记录', '启动服务'],
    ];
    for (const [url, heading, text] of pages) {
      const response = await office.goto(server.url + url);
      expect(response?.status(), url).toBe(200);
      expect(await office.locator('main h2').first().textContent()).toBe(heading);
      expect(await office.locator('main').innerText()).toContain(text);
      await shot(office, `office${url.replace(/\//g, '-') || '-'}`);
    }
    // the overview's charts are SVG drawn on the server
    await office.goto(server.url + '/');
    expect(await office.locator('[data-chart=domain] svg').count()).toBe(1);
    expect(await office.request.get(server.url + '/indicators/3').then((r) => r.text())).toContain('<svg');

    const linkOf = async (unit: string) => {
      await office.goto(`${server.url}/units`);
      await office.locator(`form.link-form:has(input[value="${unit}"]) button`).click();
      return (await office.locator('#new-link').textContent())!.trim();
    };
    const waterLink = await linkOf('区水务局');
    await linkOf('区生态环境分局');
    expect(waterLink).toMatch(/\/u\/[A-Za-z0-9_-]{32}$/);

    // 区水务局 fills 2021 for indicator 3 in the workbook collect made
    const books = await collectInto(project.dir, path.join(work, 'books'));
    const book = books.get('区水务局')!;
    await editWorkbook(book, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '3', '2021年数值')).value = 83.1;
    });
    const pdf = path.join(work, '污水厂运行台账.pdf');
    await writeFile(pdf, TINY_PDF);

    const unitContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const unit = await unitContext.newPage();
    await unit.goto(waterLink);
    expect(await unit.locator('main h3').first().textContent()).toContain('区水务局：本单位负责的 1 项指标');
    expect(await unit.locator('main').innerText()).not.toContain('生态文明建设规划'); // indicator 1 is another unit's
    await shot(unit, 'unit-portal');
    await unit.setInputFiles('#workbook-form input[type=file]', book);
    await unit.click('#workbook-form button');
    expect(await unit.locator('#notice').textContent()).toContain('已收到填报表');
    expect(await unit.locator('#upload-1').innerText()).toContain('2021年数值');
    expect(await unit.locator('#upload-1').innerText()).toContain('83.1');
    await unit.setInputFiles('#evidence-form input[type=file]', pdf);
    await unit.check('#evidence-form input[name=indicators][value="3"]');
    await unit.fill('#evidence-form input[name=title]', '2022年污水处理厂运行台账');
    await unit.fill('#evidence-form input[name=date]', '2023-05-10');
    await unit.selectOption('#evidence-form select[name=kind]', '台账');
    await unit.click('#evidence-form button');
    expect(await unit.locator('#notice').textContent()).toContain('已收到佐证材料');
    await shot(unit, 'unit-after-upload');

    // another unit's indicator and the office's pages are refused
    const foreign = await unit.goto(`${waterLink}/indicators/1`);
    expect(foreign?.status()).toBe(403);
    expect(await unit.locator('main').innerText()).toContain('指标 1 不由区水务局负责');
    expect((await unit.goto(`${waterLink}/uploads/1`))?.status()).toBe(200);
    await shot(unit, 'unit-refused');

    // the office accepts both
    await office.goto(`${server.url}/uploads`);
    await shot(office, 'office-uploads-pending');
    expect(await office.locator('tr[id^=upload-]').count()).toBe(2);
    for (let k = 0; k < 2; k++) {
      await office.locator('tr[id^=upload-] button:text-is("接受")').first().click();
      expect(await office.locator('#notice').textContent()).toMatch(/已写入项目数据 1 项|已存为佐证材料 evidence\/区水务局\/污水厂运行台账.pdf/);
    }
    expect(await readFile(path.join(project.dir, 'results.yaml'), 'utf8')).toMatch(/2021: 83.1/);
    expect(await readFile(path.join(project.dir, 'evidence.yaml'), 'utf8')).toContain('file: 区水务局/污水厂运行台账.pdf');
    const checked = await checkProject(project.dir);
    expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(checked.verdicts.find((v) => v.no === 3)?.evidenceCount).toBe(2);

    // build, watch it finish, download and verify the zip
    await office.goto(`${server.url}/bundle`);
    await office.click('#build-form button');
    await office.locator('#job[data-state=done], #job[data-state=failed]').waitFor({ timeout: 60_000 });
    await office.waitForLoadState('load');
    expect(await office.locator('#job-message').textContent()).toMatch(/校验通过/);
    await shot(office, 'office-bundle-built');
    const [download] = await Promise.all([office.waitForEvent('download'), office.locator('a[download]').first().click()]);
    const zip = path.join(work, download.suggestedFilename());
    await download.saveAs(zip);
    const verified = await verifyBundle(zip);
    expect(verified.issues).toEqual([]);
    expect(verified.ok).toBe(true);

    // the first review round arrives: the office writes its answer in feedback/ and revises from the page
    await mkdir(path.join(project.dir, 'feedback'), { recursive: true });
    await writeFile(path.join(project.dir, 'feedback', 'round-1.yaml'), ROUND_1);
    await office.goto(`${server.url}/bundle`);
    expect(await office.locator('#revise-form select[name=from] option:checked').textContent()).toBe('第1版 示例区-国家生态文明建设示范区申报材料-r1');
    expect(await office.locator('#revise-form select[name=feedback] option:checked').textContent()).toBe('第1轮审查意见');
    await office.click('#revise-form button');
    await office.locator('#job[data-state=done], #job[data-state=failed]').waitFor({ timeout: 60_000 });
    await office.waitForLoadState('load');
    expect(await office.locator('#job-message').textContent()).toBe(
      '已生成 第2版 示例区-国家生态文明建设示范区申报材料-r2-变更部分.zip（只含新增和替换的文件，与上一版一起构成第2版）；答复第1轮审查意见；新增 1，替换 4，删除 0，未变 5；校验通过（6 个文件）',
    );
    const changes = await office.locator('#job-changes').innerText();
    // the corrected value changes what shows it; the answer is added
    expect(changes.split('\n')).toEqual(['第2版的变化', '替换 佐证材料汇编.pdf', '替换 指标任务分解表.xlsx', '替换 申报报告.docx', '新增 补充材料说明.docx', '替换 说明.txt']);
    expect(await office.locator('#revision-2').innerText()).toContain('第1轮');
    expect(await office.locator('#revision-1').innerText()).toContain('首次报送');
    await shot(office, 'office-bundle-revised');
    expect(await readFile(path.join(work, 'out', '示例区-国家生态文明建设示范区申报材料-r2', '补充材料说明.docx'))).toBeTruthy();
    expect((await verifyBundle(path.join(work, 'out', '示例区-国家生态文明建设示范区申报材料-r2'))).ok).toBe(true);

    // the record shows what happened
    await office.goto(`${server.url}/history`);
    const history = (await office.locator('main').innerText())!;
    for (const action of ['发放链接', '上传填报表', '上传佐证材料', '接受', '查看指标', '生成材料包', '下载', '生成修订版']) expect(history).toContain(action);
    expect(server.record.events({ limit: 50 }).find((e) => e.action === '生成修订版')).toMatchObject({
      who: '办公室', target: '示例区-国家生态文明建设示范区申报材料-r2-变更部分.zip', outcome: 'ok', sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await shot(office, 'office-history');
  }, 120_000);
});
