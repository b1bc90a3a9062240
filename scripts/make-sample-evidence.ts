/**
 * Makes the illustrative evidence files of the sample project fixtures/yanzhou-2023/ and its evidence.yaml.
 *
 *   npx tsx scripts/make-sample-evidence.ts
 *
 * Every file is 示例材料: invented for demonstration and tests, not a real document of 济宁市兖州区.
 * How the files are made (no network, nothing installed):
 * - PDFs: a flat ODF text document (.fodt) per item, converted by LibreOffice (`soffice --headless
 *   --convert-to pdf`) with the Noto Serif SC / Noto Sans SC fonts from node_modules made visible through a
 *   private fonts.conf (FONTCONFIG_FILE); then re-saved with pdf-lib with fixed metadata (title, dates,
 *   producer) and no /ID, so the bytes do not depend on the time of the run.
 * - JPEG and PNG images: an SVG drawing placed on a page of exactly the picture's size, converted to PDF the
 *   same way, then rasterised with poppler's `pdftoppm -jpeg` / `-png`. One JPEG gets an EXIF APP1 segment
 *   with Orientation = 6 (stored sideways; viewers rotate it 90° clockwise).
 * The output is the same on every run with the same LibreOffice and poppler versions.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = path.join(REPO, 'fixtures', 'yanzhou-2023');
const EVIDENCE = path.join(PROJECT, 'evidence');
const MARK = '示例材料（仅用于演示，非真实文件）';

type Kind = '文件' | '报告' | '台账' | '统计数据' | '照片' | '其他';
type Layout = 'A4P' | 'A4L' | 'A3L';
type Block =
  | { readonly t: 'p'; readonly text: string }
  | { readonly t: 'h'; readonly text: string }
  | { readonly t: 'center'; readonly text: string }
  | { readonly t: 'table'; readonly rows: readonly (readonly string[])[]; readonly widths?: readonly number[] }
  | { readonly t: 'svg'; readonly svg: string; readonly widthCm: number; readonly heightCm: number };
interface Page {
  readonly layout: Layout;
  readonly blocks: readonly Block[];
}
interface Picture {
  readonly format: 'jpeg' | 'png';
  readonly width: number;
  readonly height: number;
  readonly svg: string;
  /** EXIF Orientation to write into a JPEG (6 = rotate 90° clockwise to display) */
  readonly exifOrientation?: number;
}
interface Spec {
  readonly id: string;
  readonly file: string;
  readonly indicators: readonly number[];
  readonly title: string;
  readonly issuer: string;
  readonly date: string;
  readonly docNo?: string;
  readonly kind: Kind;
  readonly pages?: readonly Page[];
  readonly picture?: Picture;
}

// ───────────────────────────── small builders ─────────────────────────────

const p = (text: string): Block => ({ t: 'p', text });
const h = (text: string): Block => ({ t: 'h', text });
const center = (text: string): Block => ({ t: 'center', text });
const table = (rows: string[][], widths?: number[]): Block => ({ t: 'table', rows, ...(widths ? { widths } : {}) });
const page = (layout: Layout, ...blocks: Block[]): Page => ({ layout, blocks });
const a4 = (...blocks: Block[]): Page => page('A4P', ...blocks);

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ───────────────────────────── SVG pictures ─────────────────────────────

const SANS = `font-family="Noto Sans SC"`;

function tree(x: number, y: number, s = 1): string {
  return `<rect x="${x - 5 * s}" y="${y - 40 * s}" width="${10 * s}" height="${40 * s}" fill="#6b4a2b"/>` +
    `<circle cx="${x}" cy="${y - 60 * s}" r="${30 * s}" fill="#2f7d32"/><circle cx="${x - 18 * s}" cy="${y - 45 * s}" r="${20 * s}" fill="#388e3c"/>`;
}
function person(x: number, y: number, color: string): string {
  return `<circle cx="${x}" cy="${y - 52}" r="9" fill="#f1c8a0"/><rect x="${x - 10}" y="${y - 42}" width="20" height="30" rx="4" fill="${color}"/>` +
    `<rect x="${x - 9}" y="${y - 13}" width="7" height="13" fill="#37474f"/><rect x="${x + 2}" y="${y - 13}" width="7" height="13" fill="#37474f"/>`;
}
function bird(x: number, y: number): string {
  return `<path d="M${x} ${y} q8 -9 16 0 q8 -9 16 0" stroke="#263238" stroke-width="2.5" fill="none"/>`;
}
function board(x: number, y: number, w: number, lines: readonly string[], fill = '#1565c0', size = 22): string {
  const hgt = 24 + lines.length * (size + 10);
  const text = lines
    .map((l, i) => `<text x="${x + w / 2}" y="${y + 18 + size + i * (size + 10)}" ${SANS} font-size="${i === 0 ? size + 4 : size}" fill="#ffffff" text-anchor="middle">${esc(l)}</text>`)
    .join('');
  return `<rect x="${x + w / 2 - 6}" y="${y + hgt}" width="12" height="${560 - y - hgt}" fill="#607d8b"/>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${hgt}" rx="6" fill="${fill}" stroke="#ffffff" stroke-width="4"/>${text}`;
}
/** A badge 示例 in the corner and a caption strip: every picture says it is a sample. */
function frame(w: number, hgt: number, caption: string, body: string, sky = ['#7fb3e6', '#dceefa']): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}">` +
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>` +
    `<rect width="${w}" height="${hgt}" fill="url(#sky)"/>${body}` +
    `<rect x="0" y="${hgt - 52}" width="${w}" height="52" fill="#000000" fill-opacity="0.6"/>` +
    `<text x="18" y="${hgt - 18}" ${SANS} font-size="22" fill="#ffffff">${esc(caption)}</text>` +
    `<rect x="14" y="14" width="92" height="48" rx="8" fill="#d32f2f"/><text x="60" y="50" ${SANS} font-size="30" fill="#ffffff" text-anchor="middle">示例</text></svg>`;
}
/** Draws an upright w×h picture turned 90° anticlockwise on an h×w canvas (what a phone held upright stores). */
function storedSideways(uprightSvg: string, w: number, hgt: number): string {
  const inner = uprightSvg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${hgt}" height="${w}" viewBox="0 0 ${hgt} ${w}"><g transform="translate(0,${w}) rotate(-90)">${inner}</g></svg>`;
}
const ground = (y: number, color = '#6a9f45') => `<rect x="0" y="${y}" width="800" height="${600 - y}" fill="${color}"/>`;
const river = `<path d="M0 430 C200 400 420 470 800 440 L800 500 C420 530 200 470 0 495 Z" fill="#4f8fc0"/>`;

function mapSvg(w: number, hgt: number, title: string): string {
  const sx = w / 800;
  const sy = hgt / 600;
  const pt = (x: number, y: number) => `${(x * sx).toFixed(1)},${(y * sy).toFixed(1)}`;
  const outline = [[180, 90], [420, 70], [600, 130], [650, 300], [590, 470], [400, 530], [220, 480], [140, 300]].map(([x, y]) => pt(x!, y!)).join(' ');
  const red1 = [[420, 150], [520, 170], [540, 250], [450, 260]].map(([x, y]) => pt(x!, y!)).join(' ');
  const red2 = [[230, 330], [320, 320], [340, 410], [250, 430]].map(([x, y]) => pt(x!, y!)).join(' ');
  const fs = (n: number) => (n * Math.min(sx, sy)).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}">` +
    `<rect width="${w}" height="${hgt}" fill="#fbf8ef"/>` +
    `<polygon points="${outline}" fill="#e8f1d8" stroke="#5d4037" stroke-width="${fs(3)}" stroke-dasharray="${fs(12)},${fs(6)}"/>` +
    `<path d="M${pt(330, 60)} C${pt(360, 200)} ${pt(300, 330)} ${pt(360, 560)}" stroke="#1e88e5" stroke-width="${fs(8)}" fill="none"/>` +
    `<polygon points="${red1}" fill="#66bb6a" stroke="#c62828" stroke-width="${fs(3)}"/>` +
    `<polygon points="${red2}" fill="#66bb6a" stroke="#c62828" stroke-width="${fs(3)}"/>` +
    `<circle cx="${pt(520, 380).split(',')[0]}" cy="${pt(520, 380).split(',')[1]}" r="${fs(28)}" fill="#a5d6a7" stroke="#2e7d32" stroke-width="${fs(3)}"/>` +
    `<text x="${w / 2}" y="${fs(40)}" ${SANS} font-size="${fs(26)}" fill="#212121" text-anchor="middle">${esc(title)}</text>` +
    `<text x="${pt(345, 300).split(',')[0]}" y="${pt(345, 300).split(',')[1]}" ${SANS} font-size="${fs(18)}" fill="#1565c0">泗河</text>` +
    `<path d="M${pt(730, 120)} L${pt(745, 160)} L${pt(730, 150)} L${pt(715, 160)} Z" fill="#212121"/>` +
    `<text x="${pt(730, 110).split(',')[0]}" y="${pt(730, 110).split(',')[1]}" ${SANS} font-size="${fs(18)}" text-anchor="middle">北</text>` +
    `<rect x="${pt(640, 470).split(',')[0]}" y="${pt(640, 470).split(',')[1]}" width="${(150 * sx).toFixed(1)}" height="${(110 * sy).toFixed(1)}" fill="#ffffff" stroke="#9e9e9e"/>` +
    `<rect x="${pt(655, 488).split(',')[0]}" y="${pt(655, 488).split(',')[1]}" width="${fs(22)}" height="${fs(14)}" fill="#66bb6a" stroke="#c62828"/>` +
    `<text x="${pt(685, 500).split(',')[0]}" y="${pt(685, 500).split(',')[1]}" ${SANS} font-size="${fs(15)}">生态保护红线</text>` +
    `<circle cx="${pt(666, 528).split(',')[0]}" cy="${pt(666, 528).split(',')[1]}" r="${fs(8)}" fill="#a5d6a7" stroke="#2e7d32"/>` +
    `<text x="${pt(685, 533).split(',')[0]}" y="${pt(685, 533).split(',')[1]}" ${SANS} font-size="${fs(15)}">自然保护地</text>` +
    `<text x="${pt(655, 562).split(',')[0]}" y="${pt(655, 562).split(',')[1]}" ${SANS} font-size="${fs(15)}" fill="#c62828">示例示意图</text></svg>`;
}

const PICTURES = {
  riverSign: frame(800, 600, '示例照片 · 河长公示牌 · 2022年9月', ground(380) + river + tree(620, 400, 1.2) + tree(700, 390) +
    board(150, 90, 360, ['兖州区河长公示牌（示例）', '河流名称：泗河（兖州段）', '区级河长：×××', '监督电话：0537-0000000'])),
  wetland: frame(800, 600, '示例照片 · 泗河湿地鸟类监测 · 2022年5月', ground(400, '#7cb342') + river +
    `<ellipse cx="400" cy="520" rx="300" ry="30" fill="#81d4fa"/>` + tree(120, 410) + tree(180, 420, 0.8) + tree(690, 405, 1.1) +
    [bird(300, 160), bird(360, 130), bird(420, 170), bird(500, 120), bird(560, 150)].join(''), ['#90caf9', '#e3f2fd']),
  drillUpright: frame(600, 800, '示例照片 · 应急演练 · 2022年6月', `<rect x="0" y="520" width="600" height="280" fill="#9e9e9e"/>` +
    `<rect x="60" y="120" width="480" height="90" fill="#c62828"/><text x="300" y="160" ${SANS} font-size="28" fill="#ffffff" text-anchor="middle">突发环境事件应急演练</text>` +
    `<text x="300" y="196" ${SANS} font-size="22" fill="#ffeb3b" text-anchor="middle">（示例）</text>` +
    `<rect x="380" y="420" width="170" height="110" fill="#eceff1" stroke="#455a64" stroke-width="3"/><text x="465" y="485" ${SANS} font-size="22" text-anchor="middle">应急物资</text>` +
    [person(120, 640, '#ff6f00'), person(180, 650, '#ff6f00'), person(250, 635, '#ff6f00'), person(320, 660, '#1565c0'), person(420, 640, '#ff6f00')].join('') +
    `<text x="300" y="300" ${SANS} font-size="64" fill="#1565c0" text-anchor="middle">↑ 上</text>`, ['#b3e5fc', '#e1f5fe']),
  manure: frame(800, 600, '示例照片 · 畜禽粪污资源化利用设施 · 2022年8月', ground(420, '#8d6e63') +
    `<rect x="80" y="260" width="300" height="160" fill="#eeeeee" stroke="#616161" stroke-width="3"/><polygon points="70,260 230,190 390,260" fill="#b71c1c"/>` +
    `<ellipse cx="560" cy="320" rx="120" ry="40" fill="#cfd8dc"/><rect x="440" y="320" width="240" height="100" fill="#b0bec5"/><ellipse cx="560" cy="420" rx="120" ry="20" fill="#90a4ae"/>` +
    `<text x="560" y="380" ${SANS} font-size="24" text-anchor="middle">沼气池（示例）</text>` + tree(720, 430, 0.9)),
  sourceSign: frame(800, 600, '示例照片 · 饮用水水源保护区标志 · 2022年7月', ground(400) + river +
    board(200, 100, 400, ['饮用水水源保护区（示例）', '一级保护区', '禁止一切污染水源的活动'], '#0277bd', 24) + tree(90, 410) + tree(710, 400, 1.1)),
  training: frame(800, 600, '示例照片 · 生态文明专题培训 · 2022年7月', `<rect x="0" y="0" width="800" height="600" fill="#efebe9"/>` +
    `<rect x="140" y="70" width="520" height="220" fill="#1a237e"/><text x="400" y="165" ${SANS} font-size="34" fill="#ffffff" text-anchor="middle">生态文明建设专题培训</text>` +
    `<text x="400" y="220" ${SANS} font-size="24" fill="#c5cae9" text-anchor="middle">（示例）</text>` +
    Array.from({ length: 12 }, (_, i) => person(110 + (i % 6) * 115, 420 + Math.floor(i / 6) * 90, i % 2 ? '#37474f' : '#455a64')).join(''), ['#efebe9', '#efebe9']),
  blackWater: frame(800, 600, '示例照片 · 黑臭水体整治前后对比 · 2022年10月',
    `<rect x="0" y="0" width="398" height="600" fill="#bdbdbd"/><rect x="0" y="330" width="398" height="270" fill="#5d4037"/>` +
    `<text x="200" y="110" ${SANS} font-size="36" fill="#212121" text-anchor="middle">整治前</text>` +
    `<rect x="402" y="0" width="398" height="600" fill="#b3e5fc"/><rect x="402" y="330" width="398" height="270" fill="#29b6f6"/>` +
    `<text x="600" y="110" ${SANS} font-size="36" fill="#0d47a1" text-anchor="middle">整治后</text>` + tree(520, 330, 0.9) + tree(700, 330),
    ['#ffffff', '#ffffff']),
  sorting: frame(800, 600, '示例照片 · 生活垃圾分类投放点 · 2022年9月', ground(470, '#bdbdbd') +
    `<rect x="90" y="150" width="620" height="60" fill="#2e7d32"/><text x="400" y="192" ${SANS} font-size="30" fill="#ffffff" text-anchor="middle">生活垃圾分类投放点（示例）</text>` +
    ([['#1565c0', '可回收物'], ['#2e7d32', '厨余垃圾'], ['#c62828', '有害垃圾'], ['#616161', '其他垃圾']] as const)
      .map(([c, n], i) => `<rect x="${110 + i * 150}" y="280" width="120" height="190" rx="8" fill="${c}"/><text x="${170 + i * 150}" y="380" ${SANS} font-size="22" fill="#ffffff" text-anchor="middle">${n}</text>`)
      .join('')),
  envDay: frame(800, 600, '示例照片 · 六五环境日宣传活动 · 2022年6月', ground(430, '#a5d6a7') +
    `<rect x="120" y="110" width="560" height="120" fill="#2e7d32"/><text x="400" y="165" ${SANS} font-size="32" fill="#ffffff" text-anchor="middle">六五环境日宣传活动</text>` +
    `<text x="400" y="210" ${SANS} font-size="24" fill="#fff59d" text-anchor="middle">共建清洁美丽世界（示例）</text>` +
    Array.from({ length: 9 }, (_, i) => person(130 + i * 65, 500 + (i % 3) * 12, ['#e53935', '#1e88e5', '#fdd835'][i % 3]!)).join('') + tree(60, 440) + tree(750, 440)),
};

// ───────────────────────────── the evidence items ─────────────────────────────

const 分局 = '市生态环境局兖州区分局';

const SPECS: readonly Spec[] = [
  {
    id: 'E01-plan', file: `${分局}/济宁市兖州区生态文明建设规划（2021—2035年）.pdf`, indicators: [1], kind: '文件',
    title: '济宁市兖州区人民政府关于印发济宁市兖州区生态文明建设规划（2021—2035年）的通知', issuer: '济宁市兖州区人民政府', date: '2021-11-18', docNo: '济兖政字〔2021〕46号',
    pages: [
      a4(p('各镇人民政府，各街道办事处，兖州工业园区管委会，区政府各部门、单位：'),
        p('《济宁市兖州区生态文明建设规划（2021—2035年）》已经区政府常务会议研究通过，现印发给你们，请认真贯彻实施。')),
      a4(h('济宁市兖州区生态文明建设规划（2021—2035年）（摘要）'),
        p('一、规划范围与期限。规划范围为兖州区全域，规划基准年为2020年，近期至2025年，远期至2035年。'),
        p('二、规划目标。到2025年，生态文明建设示范区各项指标全面达到考核要求；到2035年，生态环境根本好转，美丽兖州基本建成。'),
        p('三、重点任务。围绕生态制度、生态安全、生态空间、生态经济、生态生活、生态文化六大领域，分解落实年度任务和责任单位。')),
    ],
  },
  {
    id: 'E02-minutes', file: '区委办/区委常委会会议纪要（生态文明建设专题）.pdf', indicators: [2], kind: '文件',
    title: '中共济宁市兖州区委常委会会议纪要（生态文明建设专题）', issuer: '中共济宁市兖州区委办公室', date: '2022-03-15', docNo: '兖办纪〔2022〕5号',
    pages: [a4(p('2022年3月14日，区委常委会召开会议，专题研究生态文明建设和生态环境保护工作。'),
      p('会议听取了2021年度生态文明建设工作情况汇报，研究部署了2022年生态文明建设重大目标任务，明确各责任单位分工。'),
      p('会议要求，各镇街、各部门要把生态文明建设摆在全局工作的突出位置，确保创建国家生态文明建设示范区各项指标达标。'))],
  },
  {
    id: 'E02-keypoints', file: '区政府办/2022年全区生态文明建设工作要点.pdf', indicators: [2], kind: '文件',
    title: '济宁市兖州区人民政府办公室关于印发2022年全区生态文明建设工作要点的通知', issuer: '济宁市兖州区人民政府办公室', date: '2022-02-28', docNo: '济兖政办字〔2022〕9号',
    pages: [a4(p('各镇人民政府，各街道办事处，区政府各部门、单位：'), p('现将《2022年全区生态文明建设工作要点》印发给你们，请结合实际认真抓好落实。'),
      h('2022年全区生态文明建设工作要点（摘要）'),
      p('一是持续打好蓝天、碧水、净土保卫战；二是加强生态系统保护修复；三是推动资源节约集约利用；四是改善城乡人居环境；五是普及生态文明理念。'))],
  },
  {
    id: 'E03-assessment', file: '区政府办/经济社会发展综合考核实施办法.pdf', indicators: [3], kind: '文件',
    title: '关于印发《兖州区经济社会发展综合考核实施办法》的通知', issuer: '中共济宁市兖州区委办公室　济宁市兖州区人民政府办公室', date: '2022-04-10', docNo: '兖办发〔2022〕12号',
    pages: [
      a4(p('各镇党委、政府，各街道党工委、办事处，区委各部门，区政府各部门、单位：'),
        p('《兖州区经济社会发展综合考核实施办法》已经区委、区政府同意，现印发给你们，请认真贯彻执行。'),
        p('办法明确，生态文明建设工作在党政实绩考核中的权重为22%，考核结果作为领导班子和领导干部综合评价的重要依据。')),
      page('A4L', h('附表　综合考核指标权重表（示例）'),
        table([['序号', '考核类别', '主要内容', '权重（%）'], ['1', '经济发展', '地区生产总值、固定资产投资、税收收入等', '38'], ['2', '生态文明建设', '环境质量改善、污染防治攻坚、生态保护修复、资源节约利用', '22'],
          ['3', '社会民生', '就业、教育、卫生健康、社会保障等', '24'], ['4', '党的建设', '基层党建、党风廉政建设等', '16'], ['', '合计', '', '100']], [2, 5, 14, 3.7])),
    ],
  },
  {
    id: 'E04-river-chief', file: '区水务局/全面实施河长制工作方案.pdf', indicators: [4], kind: '文件',
    title: '关于印发《兖州区全面实施河长制工作方案》的通知', issuer: '济宁市兖州区河长制办公室', date: '2021-03-20', docNo: '兖河长办发〔2021〕2号',
    pages: [a4(p('各镇（街道）河长制办公室，区河长制成员单位：'),
      p('为全面落实河长制各项任务，现将《兖州区全面实施河长制工作方案》印发给你们，请认真组织实施。'),
      p('全区建立区、镇（街道）、村三级河长体系，实行河长巡河、问题交办、考核问责制度，设置河长公示牌，落实“一河一策”。'))],
  },
  {
    id: 'E04-sign-photo', file: '区水务局/河长公示牌.jpg', indicators: [4], kind: '照片',
    title: '泗河（兖州段）河长公示牌现场照片', issuer: '区水务局', date: '2022-09-14',
    picture: { format: 'jpeg', width: 800, height: 600, svg: PICTURES.riverSign },
  },
  {
    id: 'E05-disclosure', file: `${分局}/2022年政府信息公开工作年度报告.pdf`, indicators: [5], kind: '报告',
    title: '市生态环境局兖州区分局2022年政府信息公开工作年度报告', issuer: 分局, date: '2023-01-20',
    pages: [a4(p('2022年，分局按照《中华人民共和国政府信息公开条例》要求，主动公开环境质量、建设项目环评审批、行政处罚等生态环境信息。'),
      table([['公开类别', '应公开（条）', '已公开（条）', '公开率（%）'], ['环境质量信息', '48', '48', '100'], ['环评审批信息', '63', '63', '100'], ['行政处罚信息', '27', '27', '100'], ['合计', '138', '138', '100']]),
      p('全年依申请公开答复率100%，未发生因信息公开引起的行政复议或诉讼。'))],
  },
  {
    id: 'E06-plan-eia', file: `${分局}/兖州工业园区总体规划环境影响报告书审查意见.pdf`, indicators: [6], kind: '文件',
    title: '关于兖州工业园区总体规划环境影响报告书的审查意见', issuer: '济宁市生态环境局', date: '2022-06-08', docNo: '济环审〔2022〕21号',
    pages: [a4(p('兖州工业园区管委会：'), p('你单位报送的《兖州工业园区总体规划（2021—2035年）环境影响报告书》收悉。经审查，提出意见如下：'),
      p('一、报告书对规划实施的资源环境制约因素分析基本合理，提出的环境影响减缓措施总体可行。'),
      p('二、规划实施中应严格落实生态环境分区管控要求，优化产业布局，强化污染物排放总量控制。'))],
  },
  {
    id: 'E07-air-report', file: `${分局}/2022年兖州区环境空气质量状况.pdf`, indicators: [7], kind: '报告',
    title: '2022年兖州区环境空气质量状况', issuer: 分局, date: '2023-01-12',
    pages: [a4(p('2022年，兖州区环境空气质量优良天数比例为68.9%，较2020年提高2.5个百分点。'),
      p('PM2.5年均浓度为46微克/立方米，较2020年的52微克/立方米下降11.5%，完成济宁市下达的改善目标。'),
      table([['项目', '2020年', '2021年', '2022年'], ['优良天数比例（%）', '66.4', '67.2', '68.9'], ['PM2.5年均浓度（微克/立方米）', '52', '48.8', '46'], ['PM2.5浓度较2020年下降幅度（%）', '—', '6.2', '11.5']], [6, 3.2, 3.2, 3.2]))],
  },
  {
    id: 'E07-air-target', file: `${分局}/济宁市2022年度环境空气质量改善目标的通知.pdf`, indicators: [7], kind: '文件',
    title: '关于下达2022年度环境空气质量改善目标的通知', issuer: '济宁市生态环境保护委员会办公室', date: '2022-03-02', docNo: '济环委办〔2022〕6号',
    pages: [a4(p('各县（市、区）生态环境保护委员会：'), p('根据省下达的年度目标任务，现将2022年度各县（市、区）环境空气质量改善目标下达给你们。'),
      table([['县（市、区）', '优良天数比例目标（%）', 'PM2.5浓度较2020年下降目标（%）'], ['兖州区', '≥66.6', '≥5.0']]),
      p('各地要对照目标制定具体措施，确保按期完成。'))],
  },
  {
    id: 'E08-water-report', file: `${分局}/2022年地表水考核断面水质监测报告.pdf`, indicators: [8], kind: '报告',
    title: '2022年兖州区地表水考核断面水质监测报告', issuer: 分局, date: '2023-01-15',
    pages: [a4(p('2022年，全区6个地表水考核断面中，水质达到或优于Ⅲ类的断面4个，比例为66.7%，较2020年提高16.7个百分点；无劣V类水体。'),
      table([['断面名称', '2020年水质类别', '2022年水质类别'], ['断面一（示例）', 'Ⅲ类', 'Ⅱ类'], ['断面二（示例）', 'Ⅲ类', 'Ⅲ类'], ['断面三（示例）', 'Ⅳ类', 'Ⅲ类'], ['断面四（示例）', 'Ⅲ类', 'Ⅲ类'], ['断面五（示例）', 'Ⅳ类', 'Ⅳ类'], ['断面六（示例）', 'Ⅳ类', 'Ⅳ类']]),
      p('城市建成区黑臭水体已全部完成整治，消除比例100%。'))],
  },
  {
    id: 'E08-black-photo', file: '区住建局/黑臭水体整治前后对比.png', indicators: [8], kind: '照片',
    title: '城市建成区黑臭水体整治前后对比照片', issuer: '区住建局', date: '2022-10-20',
    picture: { format: 'png', width: 800, height: 600, svg: PICTURES.blackWater },
  },
  {
    id: 'E08-black-ledger', file: '区综合执法局/黑臭水体长制久清巡查台账.pdf', indicators: [8], kind: '台账',
    title: '城市建成区黑臭水体长制久清巡查台账（2022年）', issuer: '区综合执法局', date: '2022-12-31',
    pages: [page('A4L', table([['序号', '水体名称', '巡查日期', '巡查人', '发现问题', '处理情况', '水质情况'],
      ['1', '城区沟渠一（示例）', '2022-03-10', '×××', '岸边垃圾', '当日清理', '无黑臭'], ['2', '城区沟渠二（示例）', '2022-06-15', '×××', '无', '—', '无黑臭'],
      ['3', '城区沟渠一（示例）', '2022-09-20', '×××', '雨污混接一处', '已整改', '无黑臭'], ['4', '城区沟渠二（示例）', '2022-12-12', '×××', '无', '—', '无黑臭']], [1.5, 4.5, 3, 2.5, 4.5, 4.5, 4.2]))],
  },
  {
    id: 'E09-eqi', file: `${分局}/2022年兖州区生态质量指数评价报告.pdf`, indicators: [9], kind: '报告',
    title: '兖州区生态质量指数（EQI）评价报告（2020—2022年）', issuer: '山东省生态环境监测中心', date: '2023-03-30',
    pages: [
      a4(p('依据《区域生态质量评价办法（试行）》，对兖州区2020年和2022年生态质量进行评价。'),
        p('2020年兖州区生态质量指数（EQI）为52.1，2022年为51.6，ΔEQI为-0.5，生态质量基本稳定，满足ΔEQI≥-1的要求。'),
        p('附图：兖州区生态质量评价空间分布示意图（A3，见下页）。')),
      page('A3L', center('附图　兖州区生态质量评价空间分布示意图（示例）'), { t: 'svg', svg: mapSvg(1200, 780, '兖州区生态质量评价空间分布示意图（示例）'), widthCm: 34, heightCm: 22.1 }),
      a4(h('评价结果汇总表'), table([['年份', '生态格局', '生态功能', '生物多样性', '生态胁迫', 'EQI'], ['2020', '38.6', '55.2', '41.3', '22.5', '52.1'], ['2022', '38.2', '54.9', '41.0', '22.9', '51.6']])),
    ],
  },
  {
    id: 'E10-forest', file: '区自然资源局/林草覆盖率统计表.pdf', indicators: [10], kind: '统计数据',
    title: '兖州区林草覆盖率统计表（2020—2022年）', issuer: '区自然资源局', date: '2023-02-16',
    pages: [a4(p('兖州区属平原地区，林草覆盖率按林地、草地及其他绿化面积之和占国土面积的比例计算。'),
      table([['年份', '林草面积（公顷）', '国土面积（公顷）', '林草覆盖率（%）'], ['2020', '12230', '62400', '19.6'], ['2021', '12480', '62400', '20.0'], ['2022', '12730', '62400', '20.4']]))],
  },
  {
    id: 'E11-survey', file: '区自然资源局/生物多样性调查报告.pdf', indicators: [11], kind: '报告',
    title: '兖州区生物多样性本底调查报告（摘要）', issuer: '区自然资源局', date: '2022-12-05',
    pages: [a4(p('调查共记录维管植物、鸟类、鱼类等野生动植物多种，其中国家重点保护野生动植物得到有效保护，保护率为97.5%。'),
      p('泗河等主要河流特有性或指示性水生物种保持稳定，保持率100%。'))],
  },
  {
    id: 'E11-invasive', file: '区农业农村局/外来入侵物种普查报告.pdf', indicators: [11], kind: '报告',
    title: '兖州区外来入侵物种普查报告（2022年）', issuer: '区农业农村局', date: '2022-11-25',
    pages: [a4(p('按照全国外来入侵物种普查工作部署，区农业农村局组织对农田、水域、林地等开展普查。'),
      p('普查发现零星分布的外来物种，均已及时清除，未发现大面积入侵或造成明显生态危害的情况。'))],
  },
  {
    id: 'E11-wetland-photo', file: '区自然资源局/泗河湿地鸟类监测.jpg', indicators: [11], kind: '照片',
    title: '泗河湿地鸟类监测现场照片', issuer: '区自然资源局', date: '2022-05-18',
    picture: { format: 'jpeg', width: 800, height: 600, svg: PICTURES.wetland },
  },
  {
    id: 'E12-hazwaste', file: `${分局}/危险废物利用处置台账（2022年）.pdf`, indicators: [12], kind: '台账',
    title: '兖州区危险废物产生及利用处置情况台账（2022年）', issuer: 分局, date: '2023-01-31',
    pages: [page('A4L', table([['序号', '废物类别', '产生量（吨）', '自行利用处置（吨）', '委托利用处置（吨）', '利用处置率（%）'],
      ['1', 'HW08 废矿物油', '186.4', '0', '186.4', '100'], ['2', 'HW12 染料、涂料废物', '52.7', '0', '52.7', '100'], ['3', 'HW49 其他废物', '318.2', '20.5', '297.7', '100'],
      ['4', 'HW01 医疗废物', '96.3', '0', '96.3', '100'], ['', '合计', '653.6', '20.5', '633.1', '100']], [1.5, 6, 4, 4.5, 4.5, 4.2]),
      p('数据来源：山东省固体废物和危险化学品污染防治信息平台（示例数据）。'))],
  },
  {
    id: 'E12-medical', file: '区卫健局/医疗废物集中处置情况说明.pdf', indicators: [12], kind: '其他',
    title: '关于全区医疗废物集中处置情况的说明', issuer: '区卫健局', date: '2023-02-08',
    pages: [a4(p('全区医疗卫生机构产生的医疗废物全部交由有资质单位集中处置，实行转移联单管理，2022年医疗废物处置率100%。'))],
  },
  {
    id: 'E13-soil', file: '区自然资源局/建设用地土壤污染风险管控和修复名录.pdf', indicators: [13], kind: '文件',
    title: '关于建立建设用地土壤污染风险管控和修复名录制度的通知', issuer: '区自然资源局　市生态环境局兖州区分局', date: '2022-08-26', docNo: '兖自然资发〔2022〕31号',
    pages: [a4(p('为加强建设用地土壤环境监管，建立建设用地土壤污染风险管控和修复名录制度，现就有关事项通知如下：'),
      p('一、列入名录的地块，不得作为住宅、公共管理与公共服务用地。二、名录实行动态更新，并纳入国土空间规划“一张图”管理。'))],
  },
  {
    id: 'E14-plan', file: `${分局}/兖州区突发环境事件应急预案.pdf`, indicators: [14], kind: '文件',
    title: '济宁市兖州区人民政府办公室关于印发兖州区突发环境事件应急预案的通知', issuer: '济宁市兖州区人民政府办公室', date: '2021-12-10', docNo: '济兖政办发〔2021〕25号',
    pages: [a4(p('各镇人民政府，各街道办事处，区政府各部门、单位：'), p('修订后的《兖州区突发环境事件应急预案》已经区政府同意，现印发给你们，请认真贯彻执行。'),
      p('预案明确了应急组织体系、监测预警、应急响应、后期处置和应急保障等内容，建立了环境应急物资储备和应急演练制度。'))],
  },
  {
    id: 'E14-drill-photo', file: '区应急局/IMG_20220616_093012.jpg', indicators: [14], kind: '照片',
    title: '突发环境事件应急演练现场照片（竖拍，EXIF 方向 6）', issuer: '区应急局', date: '2022-06-16',
    picture: { format: 'jpeg', width: 800, height: 600, svg: storedSideways(PICTURES.drillUpright, 600, 800), exifOrientation: 6 },
  },
  {
    id: 'E15-redline', file: '区自然资源局/自然生态空间保护情况评估报告.pdf', indicators: [15], kind: '报告',
    title: '兖州区自然生态空间保护情况评估报告', issuer: '区自然资源局', date: '2023-01-10',
    pages: [a4(p('经评估，2020年以来兖州区生态保护红线和自然保护地面积未减少，性质未改变，功能未降低。'),
      table([['类型', '2020年面积（公顷）', '2022年面积（公顷）', '变化'], ['生态保护红线', '1280', '1280', '无'], ['自然保护地', '640', '640', '无']]))],
  },
  {
    id: 'E15-map', file: '区自然资源局/自然生态空间分布示意图.png', indicators: [15], kind: '其他',
    title: '兖州区自然生态空间分布示意图', issuer: '区自然资源局', date: '2023-01-10',
    picture: { format: 'png', width: 800, height: 600, svg: mapSvg(800, 600, '兖州区自然生态空间分布示意图（示例）') },
  },
  {
    id: 'E16-shoreline', file: '区水务局/河湖岸线保护情况报告.pdf', indicators: [16], kind: '报告',
    title: '兖州区河湖岸线保护情况报告', issuer: '区水务局', date: '2023-02-20',
    pages: [a4(p('全区已完成主要河湖管理范围划定，2022年河湖岸线保护率为88.6%，高于济宁市下达的86.0%管控目标。'))],
  },
  {
    id: 'E17-energy', file: '区统计局/能源消费统计.pdf', indicators: [17], kind: '统计数据',
    title: '兖州区单位地区生产总值能耗统计（2020—2022年）', issuer: '区统计局', date: '2023-03-15',
    pages: [a4(table([['年份', '单位地区生产总值能耗（吨标准煤/万元）'], ['2020', '0.62'], ['2021', '0.59'], ['2022', '0.57']]),
      p('注：地区生产总值按2020年可比价计算。'))],
  },
  {
    id: 'E17-target', file: '区发改局/能耗强度控制目标分解通知.pdf', indicators: [17], kind: '文件',
    title: '关于分解下达2022年度能耗强度控制目标的通知', issuer: '济宁市发展和改革委员会', date: '2022-05-10', docNo: '济发改环资〔2022〕88号',
    pages: [a4(p('各县（市、区）发展改革局：'), p('现将2022年度能耗强度控制目标分解下达，兖州区单位地区生产总值能耗不高于0.60吨标准煤/万元。'))],
  },
  {
    id: 'E18-water-use', file: '区水务局/用水总量和用水效率统计.pdf', indicators: [18], kind: '统计数据',
    title: '兖州区用水总量和用水效率统计（2022年）', issuer: '区水务局', date: '2023-03-01',
    pages: [a4(p('2022年全区单位地区生产总值用水量为11.8立方米/万元。'), p('2020年基准值待区统计局核定后补充。'))],
  },
  {
    id: 'E19-land', file: '区自然资源局/建设用地使用面积统计.pdf', indicators: [19], kind: '统计数据',
    title: '兖州区单位国内生产总值建设用地使用面积下降率统计', issuer: '区自然资源局', date: '2022-06-30',
    pages: [a4(table([['年份', '下降率（%）'], ['2020', '5.1'], ['2021', '4.8'], ['2022', '待国土变更调查成果发布后补充']]))],
  },
  {
    id: 'E20-fertilizer', file: '区农业农村局/化肥农药减量增效工作总结.pdf', indicators: [20], kind: '报告',
    title: '兖州区2022年化肥农药减量增效工作总结', issuer: '区农业农村局', date: '2023-01-18',
    pages: [a4(p('2022年，全区推广测土配方施肥和病虫害绿色防控，主要农作物化肥亩均施用量30.8千克，农药亩均施用量0.55千克，均较2020年减少。'),
      table([['项目', '2020年（千克/亩）', '2022年（千克/亩）'], ['化肥亩均施用量', '32.6', '30.8'], ['农药亩均施用量', '0.62', '0.55']]))],
  },
  {
    id: 'E21-straw', file: '区农业农村局/农业废弃物综合利用台账.pdf', indicators: [21], kind: '台账',
    title: '兖州区农业废弃物综合利用台账（2022年）', issuer: '区农业农村局', date: '2022-12-20',
    pages: [page('A4L', table([['项目', '产生量', '利用（回收）量', '综合利用率（%）', '目标值（%）'],
      ['秸秆（万吨）', '42.0', '40.0', '95.2', '≥90'], ['畜禽粪污（万吨）', '35.0', '31.0', '88.6', '≥75'], ['农膜（吨）', '400', '340', '85.0', '≥80']]))],
  },
  {
    id: 'E21-manure-photo', file: '区农业农村局/畜禽粪污资源化利用设施.jpg', indicators: [21], kind: '照片',
    title: '规模养殖场畜禽粪污资源化利用设施照片', issuer: '区农业农村局', date: '2022-08-09',
    picture: { format: 'jpeg', width: 800, height: 600, svg: PICTURES.manure },
  },
  {
    id: 'E22-solid-waste', file: `${分局}/一般工业固体废物产生及综合利用统计.pdf`, indicators: [22], kind: '统计数据',
    title: '兖州区一般工业固体废物产生及综合利用统计（2020—2022年）', issuer: '市生态环境局兖州区分局　区工信局', date: '2023-03-10',
    pages: [a4(table([['年份', '产生量（万吨）', '综合利用量（万吨）', '综合利用率（%）'], ['2020', '250.0', '131.0', '52.4'], ['2021', '262.0', '141.5', '54.0'], ['2022', '270.0', '151.5', '56.1']]),
      p('2022年综合利用率较2020年提高3.7个百分点。'))],
  },
  {
    id: 'E23-source', file: `${分局}/集中式饮用水水源地水质监测报告.pdf`, indicators: [23], kind: '报告',
    title: '兖州区集中式饮用水水源地水质监测报告（2022年）', issuer: 分局, date: '2023-01-16',
    pages: [a4(p('2022年对全区集中式饮用水水源地按月开展水质监测，各项指标均满足《地下水质量标准》Ⅲ类要求，水质优良比例100%。'))],
  },
  {
    id: 'E23-sign-photo', file: '区水务局/饮用水水源保护区标志.jpg', indicators: [23, 24], kind: '照片',
    title: '饮用水水源保护区标志设置现场照片', issuer: '区水务局', date: '2022-07-12',
    picture: { format: 'jpeg', width: 800, height: 600, svg: PICTURES.sourceSign },
  },
  {
    id: 'E24-village-water', file: '区卫健局/村镇饮用水卫生监测报告.pdf', indicators: [24], kind: '报告',
    title: '兖州区村镇饮用水卫生监测报告（2022年）', issuer: '区卫健局', date: '2022-12-28',
    pages: [a4(p('2022年丰水期、枯水期对全区村镇供水工程出厂水和末梢水进行抽检，水样卫生合格率100%。'))],
  },
  {
    id: 'E25-sewage', file: '区住建局/城镇污水处理统计.pdf', indicators: [25], kind: '统计数据',
    title: '兖州区城镇污水处理率统计（2020—2022年）', issuer: '区住建局', date: '2023-01-20',
    pages: [a4(table([['年份', '城镇污水处理率（%）'], ['2020', '96.2'], ['2022', '97.5']]))],
  },
  {
    id: 'E26-rural-sewage', file: '区住建局/农村生活污水治理台账.pdf', indicators: [26], kind: '台账',
    title: '兖州区农村生活污水治理台账（截至2022年底）', issuer: '区住建局', date: '2023-02-25',
    pages: [page('A4L', table([['镇（街道）', '行政村数（个）', '已完成治理（个）', '治理率（%）'], ['甲镇（示例）', '60', '30', '50.0'], ['乙镇（示例）', '55', '24', '43.6'],
      ['丙街道（示例）', '45', '20', '44.4'], ['合计', '160', '74', '46.3']]),
      p('剩余村庄治理工程已列入2023年计划。'))],
  },
  {
    id: 'E27-msw', file: '区综合执法局/城镇生活垃圾无害化处理统计.pdf', indicators: [27], kind: '统计数据',
    title: '兖州区城镇生活垃圾无害化处理率统计', issuer: '区综合执法局', date: '2023-01-30',
    pages: [a4(p('全区城镇生活垃圾全部进入生活垃圾焚烧发电厂无害化处理，2020年、2022年无害化处理率均为100%。'))],
  },
  {
    id: 'E29-toilet', file: '区住建局/农村改厕台账.pdf', indicators: [29], kind: '台账',
    title: '兖州区农村无害化卫生厕所改造台账（2022年）', issuer: '区住建局', date: '2023-02-10',
    pages: [a4(p('2022年全区农村无害化卫生厕所普及率92.5%，完成济宁市下达的不低于90%的目标任务。'),
      table([['年份', '农户数（户）', '无害化卫生厕所（户）', '普及率（%）'], ['2020', '80000', '70400', '88.0'], ['2022', '80000', '74000', '92.5']]))],
  },
  {
    id: 'E30-green-building', file: '区住建局/城镇新建绿色建筑统计.pdf', indicators: [30], kind: '统计数据',
    title: '兖州区城镇新建绿色建筑面积统计（2022年）', issuer: '区住建局', date: '2023-02-14',
    pages: [a4(p('2022年全区城镇新建民用建筑全部按绿色建筑标准设计建造，新建绿色建筑比例100%。'))],
  },
  {
    id: 'E31-sorting-plan', file: '区综合执法局/生活垃圾分类工作实施方案.pdf', indicators: [31], kind: '文件',
    title: '济宁市兖州区人民政府办公室关于印发兖州区生活垃圾分类工作实施方案的通知', issuer: '济宁市兖州区人民政府办公室', date: '2022-05-20', docNo: '济兖政办字〔2022〕21号',
    pages: [a4(p('为推进生活垃圾减量化、资源化、无害化，制定本方案。'),
      p('2022年城区全面推行生活垃圾分类；2023年起逐步向镇（街道）和农村地区推广。'))],
  },
  {
    id: 'E31-sorting-photo', file: '区综合执法局/生活垃圾分类投放点.png', indicators: [31], kind: '照片',
    title: '城区生活垃圾分类投放点照片', issuer: '区综合执法局', date: '2022-09-01',
    picture: { format: 'png', width: 800, height: 600, svg: PICTURES.sorting },
  },
  {
    id: 'E32-procurement', file: '区财政局/政府绿色采购统计.pdf', indicators: [32], kind: '统计数据',
    title: '兖州区政府绿色采购情况统计（2020—2022年）', issuer: '区财政局', date: '2023-01-25',
    pages: [a4(table([['年份', '同类产品采购额（万元）', '绿色产品采购额（万元）', '比例（%）'], ['2020', '8400', '7157', '85.2'], ['2022', '9100', '8072', '88.7']]))],
  },
  {
    id: 'E33-training', file: `${分局}/生态文明建设专题培训通知.pdf`, indicators: [33], kind: '文件',
    title: '关于举办全区党政领导干部生态文明建设专题培训班的通知', issuer: '中共济宁市兖州区委组织部', date: '2022-07-05', docNo: '兖组通〔2022〕15号',
    pages: [a4(p('各镇（街道）党（工）委，区直各部门单位党组（党委）：'), p('经研究，定于2022年7月8日举办全区党政领导干部生态文明建设专题培训班，请全体区管领导干部按时参加。'),
      p('培训结束后，参训人员名单及签到表附后，参训率100%。'))],
  },
  {
    id: 'E33-training-photo', file: `${分局}/生态文明建设专题培训现场.jpg`, indicators: [33], kind: '照片',
    title: '党政领导干部生态文明建设专题培训现场照片', issuer: 分局, date: '2022-07-08',
    picture: { format: 'jpeg', width: 800, height: 600, svg: PICTURES.training },
  },
  {
    id: 'E34-survey', file: `${分局}/公众生态文明建设满意度和参与度调查报告.pdf`, indicators: [34, 35], kind: '报告',
    title: '兖州区公众对生态文明建设满意度和参与度抽样调查报告', issuer: '第三方调查机构（示例）', date: '2023-05-20',
    pages: [a4(p('受委托，采用入户问卷与电话访问相结合的方式，在全区随机抽取样本开展调查。'),
      p('调查结果：公众对生态文明建设的满意度为90.3%，参与度为87.1%。'),
      table([['调查项目', '2020年（%）', '2022年（%）'], ['满意度', '86.2', '90.3'], ['参与度', '82.5', '87.1']]))],
  },
  {
    id: 'E35-activity-photo', file: `${分局}/六五环境日宣传活动.png`, indicators: [35], kind: '照片',
    title: '六五环境日公众参与宣传活动照片', issuer: 分局, date: '2022-06-05',
    picture: { format: 'png', width: 800, height: 600, svg: PICTURES.envDay },
  },
];

// ───────────────────────────── ODF (flat XML) ─────────────────────────────

const NS = [
  'office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"', 'style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"', 'table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"', 'fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"', 'xlink="http://www.w3.org/1999/xlink"',
].map((n) => `xmlns:${n}`).join(' ');

const LAYOUTS: Record<Layout, { w: number; h: number; margins: [number, number, number, number]; text: number }> = {
  A4P: { w: 21, h: 29.7, margins: [3.7, 3.5, 2.8, 2.6], text: 15.6 },
  A4L: { w: 29.7, h: 21, margins: [2.5, 2.5, 2.5, 2.5], text: 24.7 },
  A3L: { w: 42, h: 29.7, margins: [2.5, 2.5, 2.5, 2.5], text: 37 },
};

function fodt(automatic: string, masters: string, body: string): string {
  const font = (name: string, size: number) =>
    `style:font-name="${name}" style:font-name-asian="${name}" fo:font-size="${size}pt" style:font-size-asian="${size}pt"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Noto Serif SC" svg:font-family="'Noto Serif SC'"/><style:font-face style:name="Noto Sans SC" svg:font-family="'Noto Sans SC'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="150%"/><style:text-properties ${font('Noto Serif SC', 14)} fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Mark" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties ${font('Noto Sans SC', 11)} fo:color="#c00000"/></style:style>
<style:style style:name="Banner" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm"/><style:text-properties ${font('Noto Sans SC', 24)} fo:color="#d00000"/></style:style>
<style:style style:name="DocNo" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:padding-bottom="0.2cm" fo:border-bottom="1.5pt solid #d00000" fo:margin-bottom="0.5cm"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.4cm" fo:line-height="130%"/><style:text-properties ${font('Noto Sans SC', 18)}/></style:style>
<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties ${font('Noto Sans SC', 15)}/></style:style>
<style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.99cm" fo:text-align="justify"/></style:style>
<style:style style:name="Sign" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="1cm"/></style:style>
<style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:line-height="125%" fo:text-align="center"/><style:text-properties fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>
</office:styles>
<office:automatic-styles>${automatic}</office:automatic-styles>
<office:master-styles>${masters}</office:master-styles>
<office:body><office:text>${body}</office:text></office:body></office:document>
`;
}

function pageLayouts(): { automatic: string; masters: string } {
  let automatic = '';
  let masters = '';
  for (const [name, l] of Object.entries(LAYOUTS)) {
    const [t, b, left, right] = l.margins;
    automatic += `<style:page-layout style:name="pl${name}"><style:page-layout-properties fo:page-width="${l.w}cm" fo:page-height="${l.h}cm" style:print-orientation="${l.w > l.h ? 'landscape' : 'portrait'}" fo:margin-top="${t}cm" fo:margin-bottom="${b}cm" fo:margin-left="${left}cm" fo:margin-right="${right}cm"/></style:page-layout>`;
    automatic += `<style:style style:name="Mark${name}" style:family="paragraph" style:parent-style-name="Mark" style:master-page-name="M${name}"/>`;
    masters += `<style:master-page style:name="M${name}" style:page-layout-name="pl${name}"/>`;
  }
  automatic += `<style:style style:name="TC" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.12cm" style:vertical-align="middle"/></style:style>`;
  automatic += `<style:style style:name="fr" style:family="graphic"><style:graphic-properties style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center" style:horizontal-rel="paragraph" fo:border="none" fo:padding="0cm"/></style:style>`;
  return { automatic, masters };
}

function documentXml(spec: Spec): string {
  const { automatic: base, masters } = pageLayouts();
  let automatic = base;
  let body = '';
  let tables = 0;
  (spec.pages ?? []).forEach((pg, index) => {
    body += `<text:p text:style-name="Mark${pg.layout}">${esc(MARK)}</text:p>`;
    if (index === 0) {
      if (spec.docNo) {
        body += `<text:p text:style-name="Banner">${esc(spec.issuer.split('　')[0]!)}文件</text:p>`;
        body += `<text:p text:style-name="DocNo">${esc(spec.docNo)}</text:p>`;
      }
      body += `<text:p text:style-name="Title">${esc(spec.title)}</text:p>`;
    }
    for (const block of pg.blocks) {
      if (block.t === 'p') body += `<text:p text:style-name="Body">${esc(block.text)}</text:p>`;
      else if (block.t === 'h') body += `<text:p text:style-name="Heading">${esc(block.text)}</text:p>`;
      else if (block.t === 'center') body += `<text:p text:style-name="Center">${esc(block.text)}</text:p>`;
      else if (block.t === 'svg') {
        const data = Buffer.from(block.svg, 'utf8').toString('base64');
        body += `<text:p text:style-name="Center"><draw:frame draw:style-name="fr" text:anchor-type="as-char" svg:width="${block.widthCm}cm" svg:height="${block.heightCm}cm"><draw:image><office:binary-data>${data}</office:binary-data></draw:image></draw:frame></text:p>`;
      } else {
        tables++;
        const name = `T${tables}`;
        const total = LAYOUTS[pg.layout].text;
        const cols = block.rows[0]!.length;
        const widths = block.widths ?? Array.from({ length: cols }, () => total / cols);
        automatic += `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${widths.reduce((a, b) => a + b, 0).toFixed(2)}cm" table:align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/></style:style>`;
        let cells = '';
        widths.forEach((w, c) => {
          automatic += `<style:style style:name="${name}C${c}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(2)}cm"/></style:style>`;
          cells += `<table:table-column table:style-name="${name}C${c}"/>`;
        });
        for (const row of block.rows) {
          cells += `<table:table-row>${row.map((cell) => `<table:table-cell table:style-name="TC" office:value-type="string"><text:p text:style-name="Cell">${esc(cell)}</text:p></table:table-cell>`).join('')}</table:table-row>`;
        }
        body += `<table:table table:name="${name}" table:style-name="${name}">${cells}</table:table>`;
      }
    }
  });
  for (const issuer of spec.issuer.split('　')) body += `<text:p text:style-name="Sign">${esc(issuer)}</text:p>`;
  body += `<text:p text:style-name="Sign">${cnDate(spec.date)}</text:p>`;
  return fodt(automatic, masters, body);
}

/** A page of exactly the picture's size (96 px per inch) holding the SVG drawing. */
function pictureXml(pic: Picture): string {
  const w = pic.width / 96;
  const hgt = pic.height / 96;
  const data = Buffer.from(pic.svg, 'utf8').toString('base64');
  const automatic = `<style:page-layout style:name="pl"><style:page-layout-properties fo:page-width="${w}in" fo:page-height="${hgt}in" fo:margin-top="0in" fo:margin-bottom="0in" fo:margin-left="0in" fo:margin-right="0in"/></style:page-layout>` +
    `<style:style style:name="P0" style:family="paragraph"><style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0in" fo:line-height="100%"/><style:text-properties fo:font-size="1pt"/></style:style>` +
    `<style:style style:name="fr" style:family="graphic"><style:graphic-properties style:wrap="none" style:vertical-pos="top" style:vertical-rel="page" style:horizontal-pos="left" style:horizontal-rel="page" fo:border="none" fo:padding="0in"/></style:style>`;
  const masters = `<style:master-page style:name="Standard" style:page-layout-name="pl"/>`;
  const body = `<text:p text:style-name="P0"><draw:frame draw:style-name="fr" text:anchor-type="page" text:anchor-page-number="1" svg:x="0in" svg:y="0in" svg:width="${w}in" svg:height="${hgt}in"><draw:image><office:binary-data>${data}</office:binary-data></draw:image></draw:frame></text:p>`;
  return fodt(automatic, masters, body);
}

// ───────────────────────────── binary post-processing ─────────────────────────────

/** An EXIF APP1 segment (big-endian TIFF) holding only the Orientation tag. */
function exifOrientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** Replaces a leading JFIF APP0 segment by an EXIF APP1 segment, as a camera writes it. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  let rest = jpeg.subarray(2);
  if (rest[0] === 0xff && rest[1] === 0xe0) rest = rest.subarray(2 + rest.readUInt16BE(2));
  return Buffer.concat([jpeg.subarray(0, 2), exifOrientationSegment(orientation), rest]);
}

async function normalisePdf(bytes: Buffer, spec: Spec): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const when = new Date(`${spec.date}T09:00:00+08:00`);
  doc.setTitle(spec.title);
  doc.setAuthor(spec.issuer.replace(/　/g, '、'));
  doc.setSubject(MARK);
  doc.setKeywords(['示例数据', spec.id]);
  doc.setCreator('LibreOffice Writer (scripts/make-sample-evidence.ts)');
  doc.setProducer('eco-dossier sample evidence');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  delete (doc.context.trailerInfo as { ID?: unknown }).ID;
  return doc.save({ useObjectStreams: false });
}

// ───────────────────────────── evidence.yaml ─────────────────────────────

function yamlScalar(s: string): string {
  return /^[\p{L}\p{N}（][^:#'"{}[\],&*!|>%@`]*$/u.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

function evidenceYaml(): string {
  const lines = [
    '# 示例数据：以下佐证材料全部是为演示和测试编写的示例文件（每个 PDF 正文第一行都写明“示例材料（仅用于演示，非真实文件）”），',
    '# 不是真实文件；文号、日期、出具单位均为虚构。由 scripts/make-sample-evidence.ts 生成，请勿手工修改。',
    '# 指标 28（农村生活垃圾无害化处理村占比）有意没有佐证材料，用来演示“缺少佐证材料”的待补充情形。',
    '# E14-drill-photo 是竖拍照片：像素按横向存储，EXIF Orientation = 6（显示时顺时针旋转 90°）。',
    '',
    'evidence:',
  ];
  for (const s of SPECS) {
    lines.push(`  - id: ${s.id}`, `    file: ${yamlScalar(s.file)}`, `    indicators: [${s.indicators.join(', ')}]`, `    title: ${yamlScalar(s.title)}`,
      `    issuer: ${yamlScalar(s.issuer.replace(/　/g, '、'))}`, `    date: ${s.date}`);
    if (s.docNo) lines.push(`    docNo: ${yamlScalar(s.docNo)}`);
    lines.push(`    kind: ${s.kind}`);
  }
  return `${lines.join('\n')}\n`;
}

// ───────────────────────────── main ─────────────────────────────

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): void {
  execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'eco-dossier-sample-'));
  try {
    const fontDirs = ['noto-serif-sc', 'noto-sans-sc'].map((f) => path.join(REPO, 'node_modules', '@expo-google-fonts', f, '400Regular'));
    writeFileSync(path.join(tmp, 'fonts.conf'), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${fontDirs.map((d) => `  <dir>${esc(d)}</dir>`).join('\n')}
  <cachedir>${esc(path.join(tmp, 'fontcache'))}</cachedir>
</fontconfig>
`);
    const env = { ...process.env, FONTCONFIG_FILE: path.join(tmp, 'fonts.conf') };
    const sources: string[] = [];
    SPECS.forEach((spec, i) => {
      const file = path.join(tmp, `item-${String(i).padStart(2, '0')}.fodt`);
      writeFileSync(file, spec.picture ? pictureXml(spec.picture) : documentXml(spec));
      sources.push(file);
    });
    const profile = `file://${path.join(tmp, 'lo-profile')}`;
    run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, ...sources], env);

    rmSync(EVIDENCE, { recursive: true, force: true });
    let total = 0;
    for (const [i, spec] of SPECS.entries()) {
      const pdf = path.join(tmp, `item-${String(i).padStart(2, '0')}.pdf`);
      const target = path.join(EVIDENCE, spec.file);
      mkdirSync(path.dirname(target), { recursive: true });
      if (spec.picture) {
        const { format, width, height, exifOrientation } = spec.picture;
        const out = path.join(tmp, `img-${i}`);
        run('pdftoppm', [format === 'jpeg' ? '-jpeg' : '-png', ...(format === 'jpeg' ? ['-jpegopt', 'quality=85,optimize=y'] : []),
          '-scale-to-x', String(width), '-scale-to-y', String(height), '-singlefile', pdf, out], env);
        let bytes: Buffer = readFileSync(`${out}.${format === 'jpeg' ? 'jpg' : 'png'}`);
        if (exifOrientation !== undefined) bytes = withExifOrientation(bytes, exifOrientation);
        writeFileSync(target, bytes);
      } else {
        writeFileSync(target, await normalisePdf(readFileSync(pdf), spec));
      }
      total += statSync(target).size;
    }
    writeFileSync(path.join(PROJECT, 'evidence.yaml'), evidenceYaml());
    console.log(`${SPECS.length} evidence files, ${(total / 1024).toFixed(0)} KB in ${path.relative(REPO, EVIDENCE)}/`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
