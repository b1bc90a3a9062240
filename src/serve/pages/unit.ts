import { EvidenceKind } from '../../model/index.ts';
import type { Dashboard } from '../dashboard.ts';
import { html, shownTime, type Html } from '../html.ts';
import type { UploadRow } from '../record.ts';
import { LIMITS } from '../uploads.ts';
import { indicatorsBody } from './indicators.ts';
import { reasonFor, sampleNote } from './overview.ts';
import { uploadSummary } from './records.ts';

const STATUS: Record<UploadRow['status'], string> = { pending: '等待办公室处理', invalid: '有错误，请改正后重新上传', accepted: '办公室已接受', rejected: '办公室已退回' };

/** A unit's own page, reached through its private link: its indicators, its uploads, nothing of other units. */
export function unitPortalBody(d: Dashboard, unit: string, base: string, uploads: readonly UploadRow[], csrf: string, notice?: Html): Html {
  const mine = d.data.indicators.filter((i) => i.units.includes(unit));
  const status = d.readiness.units.find((u) => u.unit === unit);
  const fullName = d.data.project.units.find((u) => u.name === unit)?.fullName ?? unit;
  return html`${sampleNote(d)}${notice ?? ''}
<div class="card"><h3>${unit}：本单位负责的 ${mine.length} 项指标</h3>
<p>牵头 ${status?.leads.length ?? 0} 项，配合 ${status?.shares.length ?? 0} 项，未完成 <b class="${status?.open ? 'bad' : 'ok'}">${status?.open ?? 0}</b> 项。
<a href="${base}/workbook">下载本单位的填报表</a>，填好后在下面上传。</p>
<table><thead><tr><th>序号</th><th>指标</th><th>分工</th><th>判定</th><th>还缺什么</th></tr></thead><tbody>
${(status?.indicators ?? []).map((i) => html`<tr><td class="nw">${i.no}</td><td><a href="${base}/indicators/${i.no}">${i.name}</a></td><td class="nw">${i.role}</td><td class="nw v-${i.verdict}">${i.verdict}</td><td>${reasonFor(d, i.no, i.missing)}</td></tr>`)}
</tbody></table></div>
<div class="grid">
<form class="card" method="post" action="${base}/workbook" enctype="multipart/form-data" id="workbook-form"><h3>上传填好的填报表</h3>
<input type="hidden" name="_csrf" value="${csrf}">
<label>填报表（.xlsx，不超过 ${LIMITS.workbookBytes / 1048576} MB）<input type="file" name="file" accept=".xlsx" required></label>
<p class="muted">上传后立即逐格检查，有错会指出在哪一格；数据由办公室确认后才写入。</p><button>上传填报表</button></form>
<form class="card" method="post" action="${base}/evidence" enctype="multipart/form-data" id="evidence-form"><h3>上传佐证材料</h3>
<input type="hidden" name="_csrf" value="${csrf}">
<label>文件（PDF、JPEG 或 PNG，不超过 ${LIMITS.evidenceBytes / 1048576} MB）<input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png" required></label>
<fieldset><legend>证明哪几项指标</legend>${mine.map((i) => html`<label style="display:inline-block;margin-right:12px"><input type="checkbox" name="indicators" value="${i.no}"> ${i.no}. ${i.name}</label>`)}</fieldset>
<label>材料名称 <input type="text" name="title" required size="40"></label>
<label>出具单位 <input type="text" name="issuer" value="${fullName}" required size="30"></label>
<label>日期 <input type="date" name="date" required></label>
<label>文号（可不填） <input type="text" name="docNo" size="24"></label>
<label>类别 <select name="kind">${EvidenceKind.options.map((k) => html`<option>${k}</option>`)}</select></label>
<button>上传佐证材料</button></form></div>
<div class="card"><h3>本单位的上传</h3>${uploads.length === 0 ? html`<p class="muted">还没有上传。</p>` : html`<table><thead><tr><th>编号</th><th>文件</th><th>状态</th><th>检查结果</th></tr></thead><tbody>
${uploads.map((u) => html`<tr id="upload-${u.id}"><td class="nw">${u.id}</td><td>${u.name}<br><span class="muted">${shownTime(u.at)}</span></td><td>${STATUS[u.status]}${u.note ? `：${u.note}` : ''}</td><td>${uploadSummary(u)}</td></tr>`)}
</tbody></table>`}</div>`;
}

export function unitIndicatorsBody(d: Dashboard, unit: string, base: string): Html {
  return indicatorsBody(d, base, new Set(d.data.indicators.filter((i) => i.units.includes(unit)).map((i) => i.no)));
}
