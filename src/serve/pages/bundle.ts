import { megabytesText } from '../../common/index.ts';
import type { Dashboard } from '../dashboard.ts';
import { html, shownTime, type Html } from '../html.ts';
import type { Download, JobView } from '../jobs.ts';
import { CHANGE_LABEL, defaultRound, roundLabel, type BundleRevision } from '../revisions.ts';
import type { FileChange } from '../../model/index.ts';

/** 材料包: build and revise with live progress, the revisions with their changes, downloads. */

export interface BundlePage {
  readonly dashboard: Dashboard | undefined;
  readonly job: JobView;
  readonly downloads: readonly Download[];
  /** bundle folders in out/, latest first */
  readonly revisions: readonly BundleRevision[];
  /** the project's feedback/round-K.yaml files */
  readonly rounds: readonly string[];
  readonly csrf: string;
}

export function bundleBody(p: BundlePage): Html {
  const { job, csrf } = p;
  const errors = p.dashboard ? p.dashboard.issues.filter((i) => i.severity === 'error').length : 1;
  const running = job.state === 'running';
  return html`<div class="card"><h3>生成申报材料包</h3>
<p>生成整套申报材料（文件夹和 zip 压缩包，附校验清单），生成后自动检查压缩包是否完整。${errors ? html`<span class="bad">项目数据有 ${errors} 条错误，先到“问题”页改正。</span>` : ''}</p>
<form method="post" action="/bundle/build" id="build-form"><input type="hidden" name="_csrf" value="${csrf}"><button ${running ? 'disabled' : ''}>生成材料包</button></form>
${reviseForm(p, running)}
<div id="job" data-state="${job.state}"><p id="job-message">${job.message || '尚未在本次运行中生成。'}</p>
<div class="progress"><div id="job-bar" style="width:${Math.round(job.fraction * 100)}%"></div></div>
<p id="job-step" class="muted">${job.state === 'running' ? job.progress : ''}</p>
<ul id="job-issues">${job.issues.map((x) => html`<li class="bad">${x}</li>`)}</ul>
${job.kind === 'revise' && job.changes ? html`<div id="job-changes">${changeList(job.changes, `第${job.revision}版的变化`)}</div>` : ''}</div></div>
${revisionsCard(p.revisions, p.csrf)}
<div class="card"><h3>下载</h3>${p.downloads.length === 0 ? html`<p class="muted">还没有生成过材料包。</p>` : html`<table><thead><tr><th>文件</th><th>大小</th><th>生成时间</th></tr></thead><tbody>
${p.downloads.map((x) => html`<tr><td><a href="/download/${encodeURIComponent(x.name)}" download>${x.name}</a></td><td>${megabytesText(x.bytes)}</td><td>${shownTime(x.modified)}</td></tr>`)}</tbody></table>`}</div>`;
}

/** The revise form: which bundle to revise, which review round it answers (as `eco-dossier revise --from … --feedback …`). */
function reviseForm(p: BundlePage, running: boolean): Html {
  const latest = p.revisions[0];
  if (!latest) return html`<p class="muted">根据审查意见生成修订版：先生成第一版材料包。</p>`;
  const chosenRound = defaultRound(p.rounds, latest.revision);
  return html`<form method="post" action="/bundle/revise" id="revise-form"><input type="hidden" name="_csrf" value="${p.csrf}">
<h3>根据审查意见生成修订版</h3>
<p class="muted">未变的文件原样沿用上一版，附上变更清单和对审查意见的答复（补充材料说明）。</p>
<label>上一版 <select name="from">${p.revisions.map((r) => html`<option value="${r.folder}" ${r === latest ? 'selected' : ''}>第${r.revision}版 ${r.folder}</option>`)}</select></label>
<label>答复的审查意见 <select name="feedback">${chosenRound ? '' : html`<option value="" selected>不答复新的审查意见（还没有登记第${latest.revision}轮审查意见）</option>`}
${p.rounds.map((r) => html`<option value="${r}" ${r === chosenRound ? 'selected' : ''}>${roundLabel(r)}</option>`)}</select></label>
<label><input type="checkbox" name="full" value="1"> zip 中放完整的一版（否则只放新增和替换的文件）</label>
<button ${running ? 'disabled' : ''}>生成修订版</button></form>`;
}

function revisionsCard(revisions: readonly BundleRevision[], csrf: string): Html {
  if (revisions.length === 0) return html``;
  return html`<div class="card" id="revisions"><h3>各版材料包</h3>
<p class="muted">未报送的一版是草稿：重新生成时直接替换（原草稿保留为“…-上一稿”）。报送后请点“已报送”记下（与命令 <code>eco-dossier submit</code> 相同），此后这一版不再被覆盖，修改请生成修订版。</p>
<table><thead><tr><th>版本</th><th>文件夹</th><th>答复的审查意见</th><th>与上一版相比</th><th>报送</th></tr></thead><tbody>
${revisions.map((r) => html`<tr id="revision-${r.revision}"><td>第${r.revision}版</td><td>${r.folder}</td><td>${r.answeredRounds.length ? r.answeredRounds.map((k) => `第${k}轮`).join('、') : '—'}</td>
<td>${r.revision === 1 ? '首次报送' : changeList(r.changes, `${counts(r.changes)}，未变 ${r.unchanged}`)}</td>
<td>${sentCell(r, csrf)}</td></tr>`)}
</tbody></table></div>`;
}

/** 已于…报送…, or the small form that records it (as `eco-dossier submit`). */
function sentCell(r: BundleRevision, csrf: string): Html {
  if (r.sent === true) return html`已报送`;
  if (r.sent) return html`<span class="ok">${r.sent.date} 报送${r.sent.to}</span>`;
  return html`<form method="post" action="/bundle/submit" class="submit-form"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="folder" value="${r.folder}">
<span class="muted">草稿</span> <label>接收单位 <input name="to" required size="10"></label> <label>日期 <input type="date" name="date" required></label> <button>已报送</button></form>`;
}

function counts(changes: readonly FileChange[]): string {
  return (['new', 'replace', 'delete'] as const).map((op) => `${CHANGE_LABEL[op]} ${changes.filter((c) => c.op === op).length}`).join('，');
}

function changeList(changes: readonly FileChange[], summary: string): Html {
  if (changes.length === 0) return html`<span class="muted">${summary}</span>`;
  return html`<details ${changes.length <= 12 ? 'open' : ''}><summary>${summary}</summary><ul>${changes.map((c) => html`<li><b>${CHANGE_LABEL[c.op]}</b> ${c.path}</li>`)}</ul></details>`;
}

/** Polls the job's progress while it runs, then reloads the page for the new downloads and revisions. */
export const BUILD_SCRIPT = `
(function(){var box=document.getElementById('job');if(!box)return;
function poll(){fetch('/bundle/job',{credentials:'same-origin'}).then(function(r){return r.json()}).then(function(j){
document.getElementById('job-message').textContent=j.message;document.getElementById('job-step').textContent=j.state==='running'?j.progress:'';
document.getElementById('job-bar').style.width=Math.max(2,Math.round(j.fraction*100))+'%';box.dataset.state=j.state;
if(j.state==='running')setTimeout(poll,400);else if(box.dataset.was==='running')location.reload();box.dataset.was=j.state;});}
if(box.dataset.state==='running'){box.dataset.was='running';poll();}})();`;
