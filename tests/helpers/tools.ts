import { spawnSync } from 'node:child_process';

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * For tests that read our outputs with real clients (poppler, qpdf, LibreOffice).
 * Missing tools: the test file fails under CI (set CI=true), and is skipped with a visible warning elsewhere.
 * Use as `describe.runIf(haveTools('pdftotext', 'qpdf'))(...)`.
 */
export function haveTools(...names: string[]): boolean {
  const missing = names.filter((n) => !onPath(n));
  if (missing.length === 0) return true;
  const text = `缺少测试所需的工具: ${missing.join(', ')}（.ci/run 会用 apt-get 安装它们）`;
  if (process.env.CI) throw new Error(text);
  console.warn(`\n⚠ 跳过部分测试：${text}\n`);
  return false;
}
