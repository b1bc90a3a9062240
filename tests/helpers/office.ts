import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NOTO = (pkg: string, weight: string) => path.resolve('node_modules/@expo-google-fonts', pkg, weight);

/**
 * A fontconfig file that lets LibreOffice render Chinese without a system-wide font install:
 * the Noto fonts from node_modules, with the official font names mapped onto them.
 */
export function fontconfigFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-fonts-'));
  const alias = (family: string, to: string, bold = false) =>
    `<match target="pattern"><test name="family"><string>${family}</string></test>` +
    `<edit name="family" mode="assign" binding="strong"><string>${to}</string></edit>` +
    (bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : '') +
    '</match>';
  const conf = `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>${NOTO('noto-serif-sc', '400Regular')}</dir><dir>${NOTO('noto-serif-sc', '700Bold')}</dir>
<dir>${NOTO('noto-sans-sc', '400Regular')}</dir><dir>${NOTO('noto-sans-sc', '700Bold')}</dir>
<cachedir>${path.join(dir, 'cache')}</cachedir>
${alias('仿宋_GB2312', 'Noto Serif SC')}${alias('仿宋', 'Noto Serif SC')}${alias('FangSong', 'Noto Serif SC')}
${alias('宋体', 'Noto Serif SC')}${alias('SimSun', 'Noto Serif SC')}
${alias('楷体_GB2312', 'Noto Serif SC')}${alias('楷体', 'Noto Serif SC')}${alias('KaiTi', 'Noto Serif SC')}
${alias('方正小标宋简体', 'Noto Serif SC', true)}${alias('黑体', 'Noto Sans SC')}${alias('SimHei', 'Noto Sans SC')}
</fontconfig>`;
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, conf);
  return file;
}

/** Converts a .docx/.xlsx to PDF with LibreOffice (a reader that did not write the file). Returns the PDF path. */
export function convertWithLibreOffice(file: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'eco-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
    stdio: 'pipe',
    timeout: 180_000,
  });
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}
