/**
 * Makes illustrative evidence of the sample's review rounds, fixtures/yanzhou-2023/feedback/round-N/: for the
 * 现场核查 round one single-page PDF per rectified problem, for the 省市级预审 round the data behind its two
 * corrected values (title, issuer, date, a few lines of text), drawn with pdf-lib and the Noto fonts the annex
 * uses, with fixed metadata so the bytes are the same on every run. (Round 1's 核查报告 is not made here.)
 *
 *   npx tsx scripts/make-sample-feedback.ts
 *
 * Every file is 示例材料: invented for demonstration and tests, not a real document of 济宁市兖州区.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { embedFonts } from '../src/documents/pdf/fonts.ts';
import { setFixedMetadata } from '../src/documents/pdf/metadata.ts';
import { drawLine, drawParagraph } from '../src/documents/pdf/text.ts';

const FEEDBACK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/yanzhou-2023/feedback');
const MARK = '示例材料（仅用于演示，非真实文件）';

const FILES: readonly { round?: number; file: string; title: string; issuer: string; date: string; lines: readonly string[] }[] = [
  { round: 1, file: '农村生活污水治理率2022年度终核数据.pdf', title: '兖州区2022年度农村生活污水治理情况终核数据', issuer: '区住房和城乡建设局', date: '2023年7月17日',
    lines: ['经逐村核定，2022年末全区已完成生活污水治理的行政村占行政村总数的51.2%（终核数）。', '此前报送的46.3%为2022年第三季度调度数，以本终核数据为准。'] },
  { round: 1, file: '单位地区生产总值用水量2020年核定数据.pdf', title: '兖州区单位地区生产总值用水量2020年核定数据', issuer: '区统计局', date: '2023年7月17日',
    lines: ['经区统计局、区水务局核定，2020年全区单位地区生产总值用水量为12.6立方米/万元。', '2022年为11.8立方米/万元，较2020年有所下降。'] },
  { file: '河长巡河记录整改台账.pdf', title: '兖州区河长巡河记录整改台账', issuer: '区水务局', date: '2023年9月25日',
    lines: ['针对现场核查指出的部分河段巡河记录不全问题，区河长办逐河段核对2023年1—8月巡河记录，补齐缺漏记录，并建立每月通报制度。', '整改后，全区区、镇、村三级河长巡河记录完整率100%。'] },
  { file: '建设用地土壤污染风险管控和修复名录更新情况.pdf', title: '兖州区建设用地土壤污染风险管控和修复名录更新情况', issuer: '市生态环境局兖州区分局', date: '2023年9月22日',
    lines: ['针对名录未及时更新的问题，会同区自然资源局核对2023年新增地块，已将2个地块纳入名录并向社会公开。', '名录实行季度更新，由分局土壤科负责。'] },
  { file: '农村生活污水处理设施运维整改报告.pdf', title: '兖州区农村生活污水处理设施运维整改报告', issuer: '区住房和城乡建设局', date: '2023年9月26日',
    lines: ['针对部分村污水处理设施运行不正常的问题，对全区设施逐一排查，更换故障设备7台，明确第三方运维单位和考核办法。', '整改后，已建成设施正常运行率100%。'] },
  { file: '生活垃圾分类宣传活动记录.pdf', title: '兖州区生活垃圾分类宣传活动记录', issuer: '区综合行政执法局', date: '2023年9月20日',
    lines: ['针对垃圾分类宣传覆盖不足的问题，9月在全区各镇街开展集中宣传活动32场，发放宣传材料1.2万份。', '附活动照片和签到记录（示例）。'] },
  { file: '生态文明专题培训签到表.pdf', title: '兖州区党政领导干部生态文明专题培训签到表', issuer: '区委组织部', date: '2023年9月18日',
    lines: ['针对培训签到记录不全的问题，补充2023年生态文明专题培训班签到表和课程安排。', '参训党政领导干部占比达到指标要求。'] },
];

async function main(): Promise<void> {
  for (const f of FILES) {
    const out = path.join(FEEDBACK, `round-${f.round ?? 2}`);
    mkdirSync(out, { recursive: true });
    const doc = await PDFDocument.create();
    const { body: serif, heading: sans } = await embedFonts(doc, ['body', 'heading']);
    const page = doc.addPage([595.28, 841.89]);
    const x = 72;
    const width = 595.28 - 2 * x;
    drawLine(page, MARK, x, 800, width, { font: sans, size: 10, align: 'center' });
    let y = 740;
    y = drawParagraph(page, f.title, x, y, width, { font: sans, size: 18, align: 'center', lineHeight: 28 }) - 20;
    drawLine(page, `${f.issuer}　${f.date}`, x, y, width, { font: serif, size: 12, align: 'center' });
    y -= 40;
    for (const line of f.lines) y = drawParagraph(page, `　　${line}`, x, y, width, { font: serif, size: 14, lineHeight: 26 }) - 10;
    setFixedMetadata(doc, {
      title: f.title, author: f.issuer, subject: MARK, producer: 'eco-dossier sample', date: f.round === 1 ? '2023-07-17' : '2023-09-26', identity: f.file, contentKey: f.lines.join(''),
    });
    writeFileSync(path.join(out, f.file), await doc.save({ useObjectStreams: false }));
  }
}

await main();
