import { formatPlace } from '../../model/index.ts';
import { clerkHints } from '../../judge/index.ts';
import { trendChart, valuesOf } from '../../artifacts/report/index.ts';
import { chartSvgCached as chartSvg } from '../chart-cache.ts';
import type { Dashboard } from '../dashboard.ts';
import { html, raw, type Html } from '../html.ts';
import { sampleNote } from './overview.ts';

/** 指标 (list and one indicator, with its chart and evidence) and 问题. `base` prefixes links (a unit's link). */

export function indicatorsBody(d: Dashboard, base = '', only?: ReadonlySet<number>): Html {
  const byNo = new Map(d.verdicts.map((v) => [v.no, v]));
  const list = d.data.indicators.filter((i) => !only || only.has(i.no));
  return html`${sampleNote(d)}<div class="card"><table><thead><tr><th>序号</th><th>领域</th><th>指标</th><th>指标值</th><th>属性</th><th>现状</th><th>判定</th><th>原因</th><th>材料</th></tr></thead><tbody>
${list.map((i) => {
  const v = byNo.get(i.no);
  return html`<tr><td class="nw">${i.no}</td><td class="nw">${i.domain}</td><td><a href="${base}/indicators/${i.no}">${i.name}</a></td><td>${i.target}${i.unit !== '-' ? ` ${i.unit}` : ''}</td><td class="nw">${i.attribute}</td>
<td>${v?.currentText ?? '—'}</td><td class="nw v-${v?.verdict ?? '待补充'}">${v?.verdict ?? '待补充'}</td><td>${v?.reason ?? ''}</td><td class="nw">${v?.evidenceCount ?? 0} 份</td></tr>`;
})}</tbody></table></div>`;
}

export function indicatorBody(d: Dashboard, no: number, evidenceHref: ((id: string) => string) | undefined): Html {
  const ind = d.data.indicators.find((i) => i.no === no)!;
  const v = d.verdicts.find((x) => x.no === no);
  const result = valuesOf(d.data.results, ind);
  const trend = trendChart(ind, result);
  const evidence = d.data.evidence.filter((e) => e.indicators.includes(no));
  return html`${sampleNote(d)}<div class="grid"><div class="card"><h3>${ind.no}. ${ind.name}</h3>
<p>领域：${ind.domain}　任务：${ind.taskName}<br>指标值：<b>${ind.target}</b>${ind.unit !== '-' ? `（${ind.unit}）` : ''}　属性：${ind.attribute}<br>
责任单位：${ind.units.join('、')}（${ind.units[0]} 牵头）</p>
<p>判定：<span class="v-${v?.verdict ?? '待补充'}">${v?.verdict ?? '待补充'}</span>　${v?.reason ?? ''}${v && clerkHints(v).length ? html`<br><span class="muted">${clerkHints(v).join('；')}</span>` : ''}<br>现状值：${v?.currentText ?? '—'}</p>
${v?.subs.length ? html`<table><thead><tr><th>分项</th><th>判定</th><th>原因</th></tr></thead><tbody>${v.subs.map((s) => html`<tr><td>${'①②③④⑤⑥⑦⑧⑨⑩'[s.no - 1] ?? s.no} ${s.name}</td><td class="v-${s.verdict}">${s.applies || s.verdict !== '待补充' ? s.verdict : '不适用'}</td><td>${s.reason}</td></tr>`)}</tbody></table>` : ''}
${result?.description ? html`<p>说明：${result.description}</p>` : ''}${result?.source ? html`<p class="muted">数据来源：${result.source}</p>` : ''}
</div>
<div class="card chart" data-chart="trend">${trend ? raw(chartSvg(trend, { width: 600, height: 300 })) : html`<p class="muted">没有按年份填报的数值，不绘制趋势图。</p>`}</div></div>
<div class="card"><h3>佐证材料（${evidence.length} 份）</h3>
${evidence.length === 0 ? html`<p class="bad">还没有佐证材料。</p>` : evidence.map((e) => html`<div class="evidence"><p><b>${e.title}</b>　${e.issuer}　${e.date}${e.docNo ? `　${e.docNo}` : ''}　<span class="pill">${e.kind}</span> <span class="muted">${e.file}</span></p>
${evidenceHref ? (e.type === 'pdf' ? html`<iframe src="${evidenceHref(e.id)}" title="${e.title}" style="width:100%;height:480px;border:1px solid #dde3e8"></iframe>` : html`<img src="${evidenceHref(e.id)}" alt="${e.title}" style="max-width:100%;max-height:480px">`) : ''}</div>`)}
</div>`;
}

export function problemsBody(d: Dashboard | undefined, issues: Dashboard['issues']): Html {
  const errors = issues.filter((i) => i.severity === 'error');
  const rest = issues.filter((i) => i.severity !== 'error');
  const table = (list: typeof issues) => html`<table><thead><tr><th>位置</th><th>内容</th><th>怎么改</th></tr></thead><tbody>
${list.map((i) => html`<tr class="sev-${i.severity}"><td><code>${formatPlace(i)}</code></td><td>${i.message}</td><td>${i.hint ?? ''}</td></tr>`)}</tbody></table>`;
  return html`${d ? sampleNote(d) : ''}<div class="card"><h3>错误（${errors.length} 条）</h3>${errors.length ? table(errors) : html`<p class="ok">没有错误。</p>`}</div>
<div class="card"><h3>警告和提示（${rest.length} 条）</h3>${rest.length ? table(rest) : html`<p class="ok">没有警告。</p>`}</div>`;
}
