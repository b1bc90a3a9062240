import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { fontconfigFile } from '../helpers/office.ts';

/** The system's Chromium (Debian's `chromium`, installed by .ci/run); playwright never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const text = `缺少测试所需的浏览器 ${CHROMIUM}（.ci/run 会用 apt-get 安装 chromium）`;
  if (process.env.CI) throw new Error(text);
  console.warn(`\n⚠ 跳过浏览器测试：${text}\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  return chromium.launch({
    executablePath: CHROMIUM,
    // the Noto fonts from node_modules, so Chinese renders in screenshots without system fonts
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() } as Record<string, string>,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
