/**
 * Server-rendered HTML without a template engine: `html` escapes every interpolated value unless it is
 * already `Html` (made by `html` itself or `raw`). Pages carry their own CSS, so nothing is fetched from
 * anywhere else and a saved page still looks the same.
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Part = Html | string | number | undefined | null | false | readonly Part[];

function show(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(show).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += show(parts[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (SVG drawn by ECharts on this server). */
export const raw = (text: string): Html => new Html(text);

export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans SC","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f4f6f8}
header.top{background:#1b5e20;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
header.top h1{font-size:18px;margin:0;font-weight:600}
header.top nav a{color:#e8f5e9;text-decoration:none;margin-right:16px;padding:4px 0}
header.top nav a.on{color:#fff;border-bottom:2px solid #fff;font-weight:600}
main{padding:20px 24px;max-width:1200px}
h2{font-size:20px;margin:4px 0 12px}
h3{font-size:16px;margin:18px 0 8px}
.card{background:#fff;border:1px solid #dde3e8;border-radius:6px;padding:14px 18px;margin-bottom:16px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #dde3e8;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f5;font-weight:600;white-space:nowrap}
.nw{white-space:nowrap}
.v-达标{color:#2e7d32;font-weight:600}.v-未达标{color:#c62828;font-weight:600}.v-待补充{color:#757575;font-weight:600}
.sev-error{color:#c62828}.sev-warning{color:#b26a00}
.big{font-size:28px;font-weight:700}
.ok{color:#2e7d32}.bad{color:#c62828}.muted{color:#6b7680}
.pill{display:inline-block;padding:0 8px;border-radius:10px;background:#eef2f5;font-size:13px;margin:0 4px 2px 0}
form.inline{display:inline}
button{font:inherit;padding:4px 14px;border-radius:4px;border:1px solid #1b5e20;background:#2e7d32;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1b5e20}
button.danger{background:#fff;color:#c62828;border-color:#c62828}
input[type=text],input[type=date],select,textarea{font:inherit;padding:3px 6px;border:1px solid #b8c2cc;border-radius:4px}
label{display:block;margin:6px 0}
.chart svg{max-width:100%;height:auto}
.link{font-family:monospace;background:#fffde7;padding:6px;border:1px dashed #c0a000;word-break:break-all}
.progress{height:14px;background:#e0e0e0;border-radius:7px;overflow:hidden}
.progress>div{height:100%;background:#2e7d32;width:0}
.sample{background:#fff3e0;border:1px solid #ffb74d;padding:6px 12px;margin-bottom:12px;border-radius:4px}
@media print{
  @page{size:A4;margin:15mm 12mm}
  body{background:#fff;font-size:11pt}
  header.top nav,form,button{display:none}
  main{padding:0;max-width:none}
  .card{border:none;padding:0;break-inside:avoid}
  .grid{grid-template-columns:1fr 1fr}
  .chart svg{width:100%;height:auto}
  .unit{break-inside:avoid}
  table{font-size:9.5pt}
  thead{display:table-header-group}
  .pagebreak{break-before:page}
}
`;

export interface NavItem {
  readonly href: string;
  readonly label: string;
}

export function page(opts: { readonly title: string; readonly heading: string; readonly nav: readonly NavItem[]; readonly current?: string; readonly body: Html; readonly script?: string }): string {
  return `<!doctype html>\n${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin"><title>${opts.title}</title><style>${raw(STYLE)}</style></head>
<body><header class="top"><h1>${opts.heading}</h1><nav>${opts.nav.map((n) => html`<a href="${n.href}" class="${n.href === opts.current ? 'on' : ''}">${n.label}</a>`)}</nav></header>
<main>${opts.body}</main>${opts.script ? raw(`<script>${opts.script}</script>`) : ''}</body></html>`.text}`;
}

/** A record's UTC time as the office reads it: China time, to the second. */
export function shownTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
