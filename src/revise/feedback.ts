import type { IssueCode } from '../model/index.ts';
import path from 'node:path';
import type { Issue } from '../model/index.ts';
import { Feedback, indicatorsWithNewEvidence, type FeedbackItem, type NarrativeChange, type ValueChange } from '../model/index.ts';
import { narrativeFile, type NarrativePart } from '../model/index.ts';
import { reportNarrativeUses } from '../artifacts/report/index.ts';
import type { EvidenceFile, ProjectData } from '../model/index.ts';
import type { EvidenceItem } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { checkEvidenceFiles } from '../load/index.ts';
import { readSchemaFile } from '../load/index.ts';
import { chineseDate, circled } from '../common/index.ts';

/** The revision a round reviews (round K reviews revision K), with the date its documents bear. */
export interface ReviewedRevision {
  readonly revision: number;
  readonly date: string;
}

export interface LoadedFeedback {
  readonly feedback?: Feedback;
  readonly issues: readonly Issue[];
  /** evidence files the responses add, checked like evidence.yaml's */
  readonly added: readonly EvidenceFile[];
  /** items without a response yet */
  readonly open: readonly FeedbackItem[];
}

/**
 * Reads feedback/<round>.yaml and checks every reference against the project: located errors, never a throw.
 * `earlierRound`: a round an earlier revision answered, applied again so its answers stay. The project may
 * have moved on since: an added item whose id evidence.yaml now has is left to evidence.yaml, and a
 * replaced item that is gone is simply gone.
 */
export async function loadFeedback(
  file: string, data: ProjectData, { earlierRound = false, reviews }: { earlierRound?: boolean; reviews?: ReviewedRevision } = {},
): Promise<LoadedFeedback> {
  const issues: Issue[] = [];
  const parsed = await readSchemaFile(path.resolve(file), Feedback, true, issues);
  if (!parsed.value || !parsed.source) return { issues, added: [], open: [] };
  const feedback = parsed.value;
  const at = parsed.source;
  const indicators = new Map(data.indicators.map((i) => [i.no, i]));
  const known = new Set(data.evidence.map((e) => e.id));
  const ids = new Set<string>();
  const addedIds = new Set<string>();
  const flat: { item: EvidenceItem; path: (string | number)[] }[] = [];
  const error = (code: IssueCode, p: (string | number)[], message: string, hint?: string) =>
    issues.push({ code, severity: 'error', path: p, ...at.locate(p), message, ...(hint ? { hint } : {}) });
  // the narrative parts the report uses, and their text as the answers before an amendment leave it
  const parts = new Set(feedback.items.some((it) => it.response?.report.length) ? reportNarrativeUses(data).uses.map((u) => u.part) : []);
  const narrativeNow = new Map(Object.entries(data.narrative ?? {}).map(([k, v]) => [k, v.text]));

  const withEvidence = indicatorsWithNewEvidence(feedback);
  if (reviews && feedback.date < reviews.date.slice(0, 10)) {
    issues.push({
      code: 'feedback-round-before-revision', severity: 'warning', path: ['date'], ...at.locate(['date']),
      message: `第${feedback.round}轮审查意见的日期 ${chineseDate(feedback.date)} 早于它审查的第${reviews.revision}版材料的日期 ${chineseDate(reviews.date.slice(0, 10))}：审查不会早于所审的材料`,
      hint: `核对 date 是否为这一轮审查意见的日期，以及第${reviews.revision}版的日期是否为其报送日期${reviews.revision === 1 ? '；第1版的日期取自 project.yaml 的 generatedAt' : ''}`,
    });
  }

  feedback.items.forEach((item, i) => {
    if (ids.has(item.id)) error('feedback-duplicate-id', ['items', i, 'id'], `审查意见编号“${item.id}”重复`);
    ids.add(item.id);
    const indicator = item.indicator === 'general' ? undefined : indicators.get(item.indicator);
    if (item.indicator !== 'general' && !indicator) {
      error('feedback-unknown-indicator', ['items', i, 'indicator'], `审查意见 ${item.id} 针对的指标序号 ${item.indicator} 不存在于 indicators.yaml`, '写指标序号，或写 general 表示综合意见');
    }
    if (!item.response) {
      issues.push({ code: 'feedback-open', severity: 'warning', path: ['items', i], ...at.locate(['items', i]), message: `审查意见 ${item.id} 尚未答复（没有 response），将在说明中列为待答复` });
      return;
    }
    const response = item.response;
    const changes = response.evidence.length + response.values.length + response.report.length;
    if (response.noChange !== undefined && changes > 0) {
      error('feedback-change-conflict', ['items', i, 'response', 'noChange'], `审查意见 ${item.id} 的答复既写了修改（evidence、values 或 report），又写了 noChange（无需修改）`, '二者只留一个');
    } else if (response.noChange === undefined && changes === 0) {
      error('feedback-no-change', ['items', i, 'response'], `审查意见 ${item.id} 的答复没有写明任何修改（没有 evidence 新增材料、values 更正数值或 report 修改报告文字），说明中不能声称已修改`, '写明修改内容；确实无需修改的，用 noChange 写明理由，如 noChange: 经核实数据无误');
    }
    response.report.forEach((a, j) => {
      const p = ['items', i, 'response', 'report', j];
      if (!parts.has(a.part)) {
        error('feedback-unknown-part', [...p, 'part'], `审查意见 ${item.id} 要修改的报告部分“${a.part}”不在申报报告中（报告用到的部分：${[...parts].join('、')}）`, '写报告用到的部分名称；新的部分须先加进本地的报告模板');
        return;
      }
      const now = narrativeNow.get(a.part) ?? '';
      const same = a.add !== undefined ? containsText(now, a.add) : sameText(now, a.replaceWith!);
      if (same && earlierRound) {
        issues.push({
          code: 'feedback-report-in-project', severity: 'warning', path: p, ...at.locate(p),
          message: `此前答复（第${feedback.round}轮）对报告“${a.part}”的修改已写入 ${narrativeFile(a.part)}，以该文件为准`,
        });
      } else if (same) {
        error('feedback-change-empty', p, `审查意见 ${item.id} 对报告“${a.part}”的修改不改变任何文字：${narrativeFile(a.part)} 中已有${a.add !== undefined ? '这段文字' : '相同的全文'}`, '写出真正要增改的文字；无需修改的，用 noChange 写明理由');
      } else {
        narrativeNow.set(a.part, a.add !== undefined ? `${now}\n\n${a.add}`.trim() : a.replaceWith!);
      }
    });
    response.values.forEach((v, j) => {
      if (earlierRound || item.indicator === 'general') return;
      const result = data.results.find((r) => r.indicator === item.indicator && r.sub === v.sub);
      const old = result?.values[String(v.year)];
      if (old === v.value) {
        error('feedback-change-empty', ['items', i, 'response', 'values', j, 'value'], `审查意见 ${item.id} 更正的${v.year}年数值 ${v.value} 与 results.yaml 中的相同，不改变任何内容`, '写更正后的数值；数据无误的，用 noChange 写明理由');
      } else if (!withEvidence.has(item.indicator)) {
        const p = ['items', i, 'response', 'values', j];
        issues.push({
          code: 'feedback-value-without-evidence', severity: 'warning', path: p, ...at.locate(p),
          message: `审查意见 ${item.id} 更正了指标${item.indicator}${v.sub ? circled(v.sub) : ''}的${v.year}年数值（${old ?? '空'} → ${v.value}），但本轮没有新增或替换该指标的佐证材料：`
            + `佐证材料汇编中仍是原有材料，其中的数据${old !== undefined ? `可能仍是更正前的 ${old}` : '未随之更新'}；说明中只写申报报告和指标任务分解表已更新`,
          hint: '在该条答复的 evidence 下补充支持更正后数值的材料，如终核数据文件；替换原有材料的，写 replaces',
        });
      }
    });
    item.response.evidence.forEach((e, j) => {
      const p = ['items', i, 'response', 'evidence', j];
      if (e.replaces !== undefined && !known.has(e.replaces) && !earlierRound) {
        error('feedback-unknown-evidence', [...p, 'replaces'], `审查意见 ${item.id} 要替换的佐证材料“${e.replaces}”不存在于 evidence.yaml`);
      }
      if (earlierRound && known.has(e.id) && e.replaces !== e.id) {
        issues.push({
          code: 'feedback-evidence-in-project', severity: 'warning', path: [...p, 'id'], ...at.locate([...p, 'id']),
          message: `此前答复（第${feedback.round}轮）新增的佐证材料 ${e.id} 已写入 evidence.yaml，以 evidence.yaml 为准`,
        });
        return;
      }
      if (addedIds.has(e.id)) {
        error('feedback-evidence-id-taken', [...p, 'id'], `新增的佐证材料编号“${e.id}”在本轮答复中重复`, '每份新增材料一个唯一编号');
      }
      addedIds.add(e.id);
      if (known.has(e.id) && e.replaces !== e.id) {
        error('feedback-evidence-id-taken', [...p, 'id'], `审查意见 ${item.id} 新增的佐证材料编号“${e.id}”已被 evidence.yaml 使用`, '换一个编号，或用 replaces 写明替换哪一份');
      }
      const served = e.indicators ?? (item.indicator === 'general' ? [] : [item.indicator]);
      if (served.length === 0) error('feedback-evidence-no-indicator', p, `审查意见 ${item.id} 新增的佐证材料 ${e.id} 没有对应的指标`, '综合意见下新增材料时请写 indicators');
      for (const no of served) if (!indicators.has(no)) error('feedback-unknown-indicator', [...p, 'indicators'], `佐证材料 ${e.id} 引用的指标序号 ${no} 不存在`);
      const { replaces: _r, indicators: _i, ...rest } = e;
      flat.push({ item: { ...rest, indicators: served.length ? served : [0] }, path: [...p, 'file'] });
    });
    item.response.values.forEach((v, j) => {
      const p = ['items', i, 'response', 'values', j];
      if (!indicator) {
        error('feedback-value-without-indicator', p, `审查意见 ${item.id} 是综合意见，不能更正数值`, '把数值更正写在针对该指标的意见下');
        return;
      }
      if (v.sub !== undefined && !indicator.subIndicators.some((s) => s.no === v.sub)) {
        error('feedback-unknown-sub', [...p, 'sub'], `指标${indicator.no}“${indicator.name}”没有分项 ${circled(v.sub)}`);
      }
    });
  });
  // files a response adds sit beside the feedback file (feedback/round-1/…), apart from evidence/
  const checked = await checkEvidenceFiles(path.dirname(path.resolve(file)), flat.map((f) => f.item), at, {
    filePath: (k) => flat[k]!.path,
    rootLabel: `${path.basename(path.dirname(path.resolve(file)))}/`,
  });
  issues.push(...checked.issues);
  const open = feedback.items.filter((i) => !i.response);
  return { feedback, issues, added: checked.files, open };
}

/** Text compared as the report shows it: without spaces and line breaks. */
const squeeze = (text: string) => text.replace(/\s+/g, '');
export const containsText = (whole: string, part: string) => squeeze(whole).includes(squeeze(part));
const sameText = (a: string, b: string) => squeeze(a) === squeeze(b);

/**
 * The project as the responses make it: corrected values laid over results.yaml, added evidence in,
 * replaced evidence out, the report's narrative parts amended. Pure. An amendment whose text the part
 * already has (written into narrative/ since) changes nothing and is not reported as a change.
 */
export function applyFeedback(
  data: ProjectData, feedback: Feedback, added: readonly EvidenceFile[],
): { data: ProjectData; valueChanges: ValueChange[]; narrativeChanges: NarrativeChange[] } {
  const narrative: Record<string, NarrativePart> = { ...(data.narrative ?? {}) };
  const narrativeChanges: NarrativeChange[] = [];
  for (const item of feedback.items) {
    for (const a of item.response?.report ?? []) {
      const now = narrative[a.part];
      const file = now?.file ?? narrativeFile(a.part);
      if (a.add !== undefined) {
        if (now && containsText(now.text, a.add)) continue;
        narrative[a.part] = { text: now ? `${now.text}\n\n${a.add.trim()}` : a.add.trim(), file };
        narrativeChanges.push({ feedbackId: item.id, part: a.part, kind: 'add', text: a.add.trim() });
      } else {
        if (now && sameText(now.text, a.replaceWith!)) continue;
        narrative[a.part] = { text: a.replaceWith!.trim(), file };
        narrativeChanges.push({ feedbackId: item.id, part: a.part, kind: 'replace', text: a.replaceWith!.trim() });
      }
    }
  }
  const results: Result[] = data.results.map((r) => ({ ...r, values: { ...r.values } }));
  const valueChanges: ValueChange[] = [];
  const replaced = new Set<string>();
  for (const item of feedback.items) {
    if (!item.response || item.indicator === 'general') continue;
    for (const v of item.response.values) {
      let result = results.find((r) => r.indicator === item.indicator && r.sub === v.sub);
      if (!result) {
        result = { indicator: item.indicator as number, ...(v.sub !== undefined ? { sub: v.sub } : {}), values: {} };
        results.push(result);
      }
      const from = result.values[String(v.year)];
      result.values[String(v.year)] = v.value;
      valueChanges.push({
        feedbackId: item.id, indicator: item.indicator as number, ...(v.sub !== undefined ? { sub: v.sub } : {}),
        year: v.year, ...(from !== undefined ? { from } : {}), to: v.value, ...(v.note ? { note: v.note } : {}),
      });
    }
    for (const e of item.response.evidence) if (e.replaces) replaced.add(e.replaces);
  }
  const evidence = [...data.evidence.filter((e) => !replaced.has(e.id)), ...added];
  // a reissued 请示: its new 发文字号 and 成文日期 replace project.yaml's from this round on
  const { application } = data.project;
  const project = feedback.request && application
    ? { ...data.project, application: { ...application, docNo: feedback.request.docNo, date: feedback.request.date } }
    : data.project;
  return { data: { ...data, project, results, evidence, narrative }, valueChanges, narrativeChanges };
}
