import { chineseDate, formatShare } from '../../common/index.ts';
import { explainIssue, formatPlace } from '../../model/index.ts';
import { verdictCounts } from '../../artifacts/report/index.ts';
import { chartSvgCached as chartSvg } from '../chart-cache.ts';
import type { Dashboard } from '../dashboard.ts';
import { html, raw, type Html } from '../html.ts';

/** 总览 and 责任单位: shared by the live pages and the printable snapshot (`status --html`). */

/** 75%, 87.5%: the one rounding rule of every document (common/formatShare). */
const percent = formatShare;

export function daysText(days: number): string {
  return days > 0 ? `还剩 ${days} 天` : days === 0 ? '就是今天' : `已过 ${-days} 天`;
}

export function sampleNote(d: Dashboard): Html {
  return d.data.project.sample ? html`<div class="sample">示例数据：本项目为演示用的示例数据，不是真实申报材料。</div>` : html``;
}

export function overviewBody(d: Dashboard): Html {
  const e = d.eligibility;
  const r = d.readiness;
  const byDomain = chartSvg(verdictCounts(d.data.indicators, d.verdicts, 'domain'), { width: 640, height: 320 });
  const byAttribute = chartSvg(verdictCounts(d.data.indicators, d.verdicts, 'attribute'), { width: 420, height: 320 });
  const attr = new Map(d.data.indicators.map((i) => [i.no, i]));
  // problems to solve first: 约束性 before 参考性, 未达标 before 待补充
  const open = d.verdicts
    .filter((v) => v.verdict !== '达标')
    .sort((a, b) => Number(attr.get(a.no)?.attribute !== '约束性') - Number(attr.get(b.no)?.attribute !== '约束性') || Number(a.verdict !== '未达标') - Number(b.verdict !== '未达标') || a.no - b.no);
  const errors = d.issues.filter((i) => i.severity === 'error');
  return html`${sampleNote(d)}
<div class="grid">
  <div class="card"><h3>申报条件</h3>
    <div class="big ${e.eligible ? 'ok' : 'bad'}">${e.eligible ? '按目前数据满足' : '尚不满足'}</div>
    <p>约束性指标达标 <b>${e.binding.met}/${e.binding.total}</b><br>
    参考性指标达标 <b>${e.reference.met}/${e.reference.total}</b>（${percent(e.reference.share)}，须不低于 ${percent(e.reference.required)}）</p>
    ${e.reasons.length ? html`<p>影响申报的指标：</p><ul>${e.reasons.map((x) => html`<li>第 ${x.no} 项 ${x.name}（${x.attribute}，${x.verdict}）</li>`)}</ul>` : ''}
    <p class="muted">申报条件：${e.rule.text.replace(/（[^（）]*）$/, '')}（${e.rule.source}）。${e.rule.confirmed ? '' : '此条件按通行说法，尚未与管理规程原文核对。'}只按指标判定结果计数；规划审议、无重大环境事件等其他申报条件不在此列。</p>
  </div>
  <div class="card"><h3>时间节点（今天 ${chineseDate(r.today)}）</h3>
    <table><tbody>${r.deadlines.map((x) => html`<tr><td>${x.label ?? chineseDate(x.date)}</td><td>${x.name}</td><td class="${x.daysLeft < 0 ? 'bad' : x.daysLeft <= 7 ? 'sev-warning' : ''}">${daysText(x.daysLeft)}</td></tr>`)}</tbody></table>
  </div>
  <div class="card"><h3>指标判定</h3>
    <p><span class="v-达标">达标 ${r.totals.达标}</span> · <span class="v-未达标">未达标 ${r.totals.未达标}</span> · <span class="v-待补充">待补充 ${r.totals.待补充}</span>（共 ${d.verdicts.length} 项）</p>
    <p>数据问题：<span class="${errors.length ? 'bad' : 'ok'}">错误 ${errors.length} 条</span>，警告 ${d.issues.length - errors.length} 条</p>
  </div>
</div>
<div class="grid">
  <div class="card chart" data-chart="domain">${raw(byDomain)}</div>
  <div class="card chart" data-chart="attribute">${raw(byAttribute)}</div>
</div>
<div class="card"><h3>优先解决的问题</h3>
${open.length === 0 ? html`<p class="ok">所有指标均已达标。</p>` : html`<table><thead><tr><th>序号</th><th>指标</th><th>属性</th><th>判定</th><th>原因</th><th>牵头单位</th></tr></thead><tbody>
${open.map((v) => {
  const ind = attr.get(v.no)!;
  return html`<tr><td class="nw">${v.no}</td><td>${ind.name}</td><td class="nw">${ind.attribute}</td><td class="nw v-${v.verdict}">${v.verdict}</td><td>${v.reason}</td><td>${ind.units[0]}</td></tr>`;
})}</tbody></table>`}
${errors.length ? html`<h3>须先改正的数据错误</h3><ul>${errors.slice(0, 10).map((i) => html`<li><code>${formatPlace(i)}</code> <strong>${explainIssue(i).title}</strong>：${i.message}${explainIssue(i).hint ? html`<br><small>${explainIssue(i).hint}</small>` : ''}</li>`)}</ul>` : ''}
</div>`;
}

/** One to-do list per unit, units that still owe something first. */
export function unitsBody(d: Dashboard, extra: (unit: string) => Html = () => html``): Html {
  const units = [...d.readiness.units].sort((a, b) => b.open - a.open || 0);
  const liaison = new Map(d.data.project.units.map((u) => [u.name, u.liaison]));
  return html`${sampleNote(d)}${units.map((u) => {
    const l = liaison.get(u.unit);
    return html`<div class="card unit" id="unit-${u.unit}"><h3>${u.unit} <span class="pill">牵头 ${u.leads.length} 项</span><span class="pill">配合 ${u.shares.length} 项</span>
<span class="pill ${u.open ? 'bad' : 'ok'}">${u.open ? `未完成 ${u.open} 项` : '已全部达标'}</span></h3>
<p class="muted">联络员：${l ? `${l.name}${l.phone ? `（${l.phone}）` : ''}` : '未登记（可在项目设置的责任单位信息中填写）'}</p>
<table><thead><tr><th>序号</th><th>指标</th><th>分工</th><th>判定</th><th>佐证材料</th><th>还缺什么</th></tr></thead><tbody>
${u.indicators.map((i) => html`<tr><td class="nw">${i.no}</td><td>${i.name}</td><td class="nw">${i.role}</td><td class="nw v-${i.verdict}">${i.verdict}</td><td class="nw">${i.evidenceCount} 份</td><td>${reasonFor(d, i.no, i.missing)}</td></tr>`)}
</tbody></table>${extra(u.unit)}</div>`;
  })}`;
}

/** 还缺什么: what is missing, and for every verdict but 达标 the judge's reason; — only for 达标 with nothing missing. */
export function reasonFor(d: Dashboard, no: number, missing: readonly string[]): Html {
  const v = d.verdicts.find((x) => x.no === no);
  const parts = [...missing];
  if (v && v.verdict !== '达标' && v.reason && !parts.some((p) => p.includes(v.reason))) parts.push(`${v.verdict}：${v.reason}`);
  if (!v && parts.length === 0) parts.push('待补充：还没有判定结果');
  return parts.length ? html`${parts.join('；')}` : html`<span class="ok">—</span>`;
}
