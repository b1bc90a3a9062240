import type { EventRow, UploadRow } from '../record.ts';
import type { Preview } from '../uploads.ts';
import type { EvidenceDraft } from '../uploads.ts';
import { html, raw, shownTime, type Html } from '../html.ts';

/** 收件 (uploads waiting for the office) and 记录 (the history). */

const STATUS: Record<UploadRow['status'], string> = { pending: '待办公室处理', invalid: '有错误，待退回', accepted: '已接受', rejected: '已退回' };

export function uploadSummary(u: UploadRow): Html {
  if (u.kind === 'workbook') {
    const p = JSON.parse(u.detail) as Preview;
    return html`${p.errors.length ? html`<p class="bad">错误 ${p.errors.length} 条：</p><ul>${p.errors.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
${p.conflicts.length ? html`<p class="sev-warning">与项目中已有的数据不一致 ${p.conflicts.length} 处：</p><ul>${p.conflicts.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
${p.changes.length ? html`<details ${p.changes.length <= 10 ? raw("open") : ""}><summary>将写入 ${p.changes.length} 项</summary><ul>${p.changes.map((x) => html`<li>${x}</li>`)}</ul></details>` : html`<p class="muted">没有新数据</p>`}
${p.warnings.length ? html`<details><summary>警告 ${p.warnings.length} 条</summary><ul>${p.warnings.map((x) => html`<li>${x}</li>`)}</ul></details>` : ''}`;
  }
  const e = JSON.parse(u.detail) as EvidenceDraft;
  return html`<p>拟登记：<b>${e.title}</b>　<span class="nw">${e.issuer}</span>　<span class="nw">${e.date}</span>${e.docNo ? html`　<span class="nw">${e.docNo}</span>` : ''}　<span class="nw">${e.kind}</span>　<span class="nw">指标 ${e.indicators.join('、')}</span></p>${e.content ? html`<p class="muted">文件检查：${e.content}</p>` : ''}`;
}

export function inboxBody(uploads: readonly UploadRow[], csrf: string, notice?: Html): Html {
  const waiting = uploads.filter((u) => u.status === 'pending' || u.status === 'invalid');
  const done = uploads.filter((u) => u.status === 'accepted' || u.status === 'rejected');
  return html`${notice ?? ''}<div class="card"><h3>待处理的上传（${waiting.length}）</h3>
${waiting.length === 0 ? html`<p class="muted">没有等待处理的上传。</p>` : html`<table><thead><tr><th>编号</th><th>单位</th><th>类型</th><th>文件</th><th>检查结果</th><th>处理</th></tr></thead><tbody>
${waiting.map((u) => html`<tr id="upload-${u.id}"><td class="nw">${u.id}</td><td class="nw">${u.unit}</td><td class="nw">${u.kind === 'workbook' ? '填报表' : '佐证材料'}</td><td><a href="/uploads/${u.id}/file">${u.name}</a><br><span class="muted">${shownTime(u.at)} · sha256 ${u.sha256.slice(0, 12)}…</span></td>
<td>${uploadSummary(u)}</td><td>
${u.status === 'pending' ? html`<form method="post" action="/uploads/${u.id}/accept" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button name="overwrite" value="0">接受</button></form>
${u.kind === 'workbook' && (JSON.parse(u.detail) as Preview).conflicts.length ? html`<form method="post" action="/uploads/${u.id}/accept" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button name="overwrite" value="1" class="secondary">以填报表为准接受</button></form>` : ''}` : ''}
<form method="post" action="/uploads/${u.id}/reject" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="text" name="note" placeholder="退回理由" size="10"><button class="danger">退回</button></form></td></tr>`)}
</tbody></table>`}</div>
<div class="card"><h3>已处理（${done.length}）</h3><table><thead><tr><th>编号</th><th>单位</th><th>文件</th><th>结果</th><th>时间</th></tr></thead><tbody>
${done.map((u) => html`<tr><td class="nw">${u.id}</td><td class="nw">${u.unit}</td><td>${u.name}</td><td>${STATUS[u.status]}${u.note ? `：${u.note}` : ''}</td><td class="nw">${shownTime(u.decidedAt)}</td></tr>`)}
</tbody></table></div>`;
}

export function historyBody(events: readonly EventRow[]): Html {
  return html`<div class="card"><h3>记录（最近 ${events.length} 条）</h3><table><thead><tr><th>时间</th><th>谁</th><th>做什么</th><th>对象</th><th>结果</th><th>说明</th><th>sha256</th></tr></thead><tbody>
${events.map((e) => html`<tr><td class="nw">${shownTime(e.at)}</td><td>${e.who}</td><td class="nw">${e.action}</td><td>${e.target}</td><td class="${e.outcome === 'ok' ? 'ok' : 'bad'}">${OUTCOME[e.outcome] ?? e.outcome}</td><td>${e.detail}</td><td><code>${e.sha256 ? `${e.sha256.slice(0, 12)}…` : ''}</code></td></tr>`)}
</tbody></table></div>`;
}

const OUTCOME: Record<string, string> = { ok: '成功', refused: '拒绝', failed: '失败' };
