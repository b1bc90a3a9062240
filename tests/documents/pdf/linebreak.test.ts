import { describe, expect, it } from 'vitest';
import { breakLines, NO_LINE_END, NO_LINE_START, type MeasuringFont } from '../../../src/documents/pdf/linebreak.ts';

/** Every CJK character 1 unit wide, ASCII half: lines of width 10 hold ten CJK characters. */
const mono: MeasuringFont = {
  widthOfTextAtSize: (text, size) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1) * size, 0),
};
const lines = (text: string, width = 10) => breakLines(text, mono, 1, width);

function checkRules(result: string[]) {
  for (const line of result.slice(1)) expect(NO_LINE_START.has(line.charAt(0)), `line starts with ${line.charAt(0)}: ${line}`).toBe(false);
  for (const line of result.slice(0, -1)) expect(NO_LINE_END.has(line.charAt(line.length - 1)), `line ends with ${line.at(-1)}: ${line}`).toBe(false);
}

describe('breakLines (CJK line breaking with 禁则)', () => {
  it('never breaks a number or a range of numbers: 33—35 stays on one line', () => {
    for (const width of [10, 11, 12, 13, 14, 17]) {
      const result = lines('负责第1、5—9、12、14、22、23、33—35项指标，2020—2022年数据，现状值86.25%', width);
      for (const [a, b] of result.slice(0, -1).map((line, i) => [line, result[i + 1]!] as const)) {
        expect(/[\d—～]$/.test(a) && /^[\d—～%]/.test(b), `${a} / ${b}`).toBe(false);
      }
    }
  });

  it('fills lines to the width and breaks between any two Chinese characters', () => {
    expect(lines('一二三四五六七八九十甲乙丙')).toEqual(['一二三四五六七八九十', '甲乙丙']);
    expect(lines('短句')).toEqual(['短句']);
  });

  it('never starts a line with closing or pausing punctuation: the character before moves down with it', () => {
    // the 11th character is '，': it may not begin line 2, so '十' goes down with it
    const result = lines('一二三四五六七八九十，甲乙');
    expect(result).toEqual(['一二三四五六七八九', '十，甲乙']);
    for (const mark of ['，', '。', '、', '；', '：', '）', '」', '』', '！', '？']) {
      const r = lines(`一二三四五六七八九十${mark}甲乙`);
      expect(r[1]!.charAt(0)).not.toBe(mark);
      checkRules(r);
    }
  });

  it('never ends a line with an opening bracket or quote: it moves to the next line', () => {
    for (const mark of ['（', '「', '『', '《', '“']) {
      const r = lines(`一二三四五六七八九${mark}甲乙丙`);
      expect(r[0]!.endsWith(mark)).toBe(false);
      expect(r[1]!.startsWith(mark)).toBe(true);
      checkRules(r);
    }
  });

  it('handles runs of punctuation (。」) and keeps the text intact', () => {
    const text = '他说：「一二三四五六。」接着说（甲乙丙丁戊己庚辛壬癸），然后；结束！再来？好。';
    for (const width of [4, 5, 6, 7, 8, 9, 10, 13]) {
      const r = lines(text, width);
      checkRules(r);
      expect(r.join('')).toBe(text);
      for (const line of r) expect(mono.widthOfTextAtSize(line, 1)).toBeLessThanOrEqual(width);
    }
  });

  it('keeps Latin words and numbers whole and breaks at spaces', () => {
    expect(lines('PM2.5浓度下降幅度为12.5%，达标', 8)).toEqual(['PM2.5浓度下降幅', '度为12.5%，达标']);
    expect(lines('一二三四五六七12.5%。', 8)).toEqual(['一二三四五六七', '12.5%。']);
    expect(lines('hello world again', 4)).toEqual(['hello', 'world', 'again']);
  });

  it('breaks a word longer than the line between its characters', () => {
    const r = lines('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5);
    expect(r.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    for (const line of r) expect(line.length).toBeLessThanOrEqual(10);
  });

  it('lets punctuation hang past the margin only when nothing else can move', () => {
    expect(lines('甲，', 1)).toEqual(['甲，']);
  });

  it('keeps explicit line breaks and empty lines', () => {
    expect(lines('甲\n\n乙')).toEqual(['甲', '', '乙']);
    expect(lines('')).toEqual(['']);
  });

  it('keeps 破折号 —— and 省略号 …… unsplit', () => {
    const r = lines('一二三四五六七八九——甲乙', 10);
    expect(r.some((l) => l.includes('——'))).toBe(true);
  });
});

describe('breakLines with the embedded Noto Serif SC', () => {
  it('keeps every line within the width and the rules, and loses no character', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const { embedFonts } = await import('../../../src/documents/pdf/fonts.ts');
    const doc = await PDFDocument.create();
    const { body } = await embedFonts(doc, ['body']);
    const text = '已达到“制定实施”：《济宁市兖州区生态文明建设规划（2021—2035年）》已经区政府批准印发，并按年度分解任务实施。现状值 86.2% ≥ 85%，PM2.5浓度下降幅度为12.5%；（完成上级规定的改善目标）。';
    for (const width of [60, 97, 150, 233, 451]) {
      const result = breakLines(text, body, 11, width);
      checkRules(result);
      expect(result.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const line of result) expect(body.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(width + 0.01);
    }
  });
});
