import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fontconfigFile } from '../helpers/office.ts';

export const SAMPLE = 'fixtures/yanzhou-2023';

/** The shared fontconfig plus 微软雅黑 (the slides' body font) mapped to Noto Sans SC. */
export function slideFontconfig(): string {
  const base = fontconfigFile();
  const alias = (family: string) =>
    `<match target="pattern"><test name="family"><string>${family}</string></test><edit name="family" mode="assign" binding="strong"><string>Noto Sans SC</string></edit></match>`;
  const text = readFileSync(base, 'utf8').replace('</fontconfig>', `${alias('微软雅黑')}${alias('Microsoft YaHei')}</fontconfig>`);
  writeFileSync(base, text);
  return base;
}

/** .docx/.xlsx/.pptx → PDF with LibreOffice (a reader that did not write the file). */
export function toPdf(file: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'eco-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    env: { ...process.env, FONTCONFIG_FILE: slideFontconfig() }, stdio: 'pipe', timeout: 180_000,
  });
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}

export function pdftotext(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

/** A copy of the sample project in a temporary folder, to break. */
export function sampleCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-sites-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}
