import { chineseDate, circled, wordsOf } from '../../common/index.ts';
import { bundleRecipient } from '../report/index.ts';
import { assessEligibility } from '../../judge/index.ts';
import { SITE_VISIT_STAGE, indicatorsWithNewEvidence, type FeedbackItem } from '../../model/index.ts';
import type { Manifest } from '../../model/index.ts';
import { ARTIFACT_NAMES, type ResponseAnswer, type WrittenFile } from '../artifact.ts';
import type { RenderInput } from '../render-input.ts';
import { annexPageText, evidenceRange } from '../annex/index.ts';

/**
 * The answer to a review round, as plain data for templates/response/response.md.hbs: addressed as the
 * 请示 and the report are (or to the round's recipient; never by default to the reviewer), titled for its stage, each item with what the revision really
 * changed. The sentences saying what changed are made here from the revision's changes (files, values,
 * report text, annex pages), never from the district's free text; the free text is the answer itself.
 */
export interface ResponseInput {
  readonly render: RenderInput;
  /** the files of the new revision produced before it (annex volumes with their contents) */
  readonly written: readonly WrittenFile[];
  readonly answer: ResponseAnswer;
  readonly previous: Manifest;
}

/** Where each evidence item sits in the new revision: its original's path, and its annex volume and pages. */
export function evidencePlaces(written: readonly WrittenFile[]): Map<string, { file?: string; annex?: string }> {
  const places = new Map<string, { file?: string; annex?: string }>();
  const at = (id: string) => places.get(id) ?? places.set(id, {}).get(id)!;
  for (const w of written) {
    for (const id of w.artifact.evidence ?? []) if (w.artifact.role === 'evidence') at(id).file = w.artifact.path;
    for (const entry of w.contents ?? []) {
      for (const e of entry.evidence) {
        // the file names the volume: its pages as printed there (an inserted page is 15-1)
        const pages = annexPageText({ volume: 1, volumes: 1, ...evidenceRange(e) });
        if (!at(e.id).annex) at(e.id).annex = `${w.artifact.path} ${pages}`;
      }
    }
  }
  return places;
}

/** The sentences that say what an item changed, made from the changes themselves. */
export interface ItemChanges {
  readonly evidence: readonly { readonly id: string; readonly text: string; readonly file: string; readonly annex: string }[];
  readonly values: readonly string[];
  readonly report: readonly string[];
  readonly verdict: string;
}

/** The 请示 reissued with this revision, in one sentence ('' when it is carried unchanged). */
function reissueSentence(input: ResponseInput, government: string): string {
  const reissue = input.answer.reissue;
  if (!reissue) return '';
  const { data, verdicts } = input.render;
  // a draft is not 行文: it has a number reserved for it, and applies for nothing
  return assessEligibility(data.indicators, verdicts, data.eligibilityRule).eligible
    ? `申报文件（${government}请示）内容随本版修改，已重新行文：发文字号${reissue.docNo}（原${reissue.previousDocNo}），成文日期${chineseDate(reissue.date)}，随本版申报材料报送。`
    : `申报文件（${government}请示）内容随本版修改；因尚未达到申报条件，本版所附为请示草稿（拟用发文字号${reissue.docNo}，原${reissue.previousDocNo}），列明尚未达到的条件，不提出申请。`;
}

/** Plain data for the response template: every feedback item in order, with what changed. */
export function responseContext(input: ResponseInput) {
  const { data, verdicts } = input.render;
  const { feedback, valueChanges, narrativeChanges } = input.answer;
  const { project } = data;
  const places = evidencePlaces(input.written);
  const before = new Map(input.previous.indicators.map((i) => [i.no, i]));
  const now = new Map(verdicts.map((v) => [v.no, v]));
  const unitOf = (no: number) => data.indicators.find((i) => i.no === no)?.unit ?? '';
  const shown = (value: number | undefined, unit: string) => (value === undefined ? '（空）' : `${value}${unit === '%' ? '%' : unit === '-' ? '' : unit}`);
  const site = feedback.stage === SITE_VISIT_STAGE;
  const withEvidence = indicatorsWithNewEvidence(feedback);
  const changesOf = (item: FeedbackItem): ItemChanges => {
    const indicator = item.indicator === 'general' ? undefined : data.indicators.find((i) => i.no === item.indicator);
    const old = indicator ? before.get(indicator.no) : undefined;
    const verdict = indicator ? now.get(indicator.no) : undefined;
    return {
      evidence: (item.response?.evidence ?? []).map((e) => {
        const place = places.get(e.id) ?? {};
        const replaced = e.replaces ? input.previous.files.find((f) => f.evidence?.includes(e.replaces!)) : undefined;
        return {
          id: e.id,
          file: place.file ?? '',
          annex: place.annex ?? '',
          text: `补充《${e.title}》（${e.issuer}，${chineseDate(e.date)}${e.docNo ? `，${e.docNo}` : ''}）`
            + `${place.file ? `，原件为 ${place.file}` : ''}${place.annex ? `，编入${place.annex}` : ''}`
            + `${e.replaces ? `，替换原材料 ${e.replaces}${replaced ? `（${replaced.path}）` : ''}` : ''}。`,
        };
      }),
      values: valueChanges
        .filter((v) => v.feedbackId === item.id)
        // a year that had no value is 补充, one that had another is 更正
        .map((v) => `指标${v.indicator}${v.sub ? circled(v.sub) : ''}的${v.year}年数值${v.from === undefined ? '补充为' : `由 ${shown(v.from, unitOf(v.indicator))} 更正为`} ${shown(v.to, unitOf(v.indicator))}${v.note ? `（${v.note}）` : ''}，`
          // the annex is named only when the round brought evidence for the indicator: otherwise it still holds the earlier material
          + `${withEvidence.has(v.indicator) ? '申报报告表1、指标任务分解表和佐证材料汇编' : '申报报告表1和指标任务分解表'}已相应更新。`),
      report: narrativeChanges
        .filter((c) => c.feedbackId === item.id)
        // the quoted text ends inside the sentence that quotes it: its own 。 goes (never “…申报。”。)
        .map((c) => `${ARTIFACT_NAMES.report}“${c.part}”部分${c.kind === 'add' ? '增加以下文字' : '改写为'}：“${oneLine(c.text).replace(/[。．.]+$/u, '')}”`),
      verdict: old && verdict && old.verdict !== verdict.verdict ? `达标情况由“${old.verdict}”变为“${verdict.verdict}”（${verdict.reason}）。` : '',
    };
  };
  const items = feedback.items.map((item, k) => {
    const indicator = item.indicator === 'general' ? undefined : data.indicators.find((i) => i.no === item.indicator);
    const changes = changesOf(item);
    const noChange = item.response?.noChange ?? '';
    return {
      no: k + 1,
      id: item.id,
      subject: indicator ? `指标${indicator.no}“${indicator.name}”` : '综合意见',
      comment: item.comment,
      answered: Boolean(item.response),
      response: item.response?.text ?? '',
      noChange,
      status: item.response ? (item.response.status ?? '已完成') : '正在核实',
      changes,
      /** one line per change, in the order evidence, values, report text, verdict */
      changeLines: [...changes.evidence.map((e) => e.text), ...changes.values, ...changes.report.map((r) => `${r}。`), ...(changes.verdict ? [changes.verdict] : [])],
      /** the same without the evidence (the 整改情况说明's table gives that) */
      otherLines: [...changes.values, ...changes.report.map((r) => `${r}。`), ...(changes.verdict ? [changes.verdict] : [])],
    };
  });
  const kindTitle = site ? '整改情况说明' : '补充材料说明';
  const subject = feedback.title ?? (site ? `${feedback.stage}反馈问题` : `${feedback.stage}意见`);
  return {
    sample: project.sample,
    site,
    title: `${project.district.name}关于${subject}的${kindTitle}`,
    /** the round's recipient, else the bundle's (the 请示's): the answer goes the way the application went */
    recipient: feedback.recipient ?? bundleRecipient(project),
    words: wordsOf(project.district),
    /**
     * the 请示 reissued with this revision, said in one sentence ('' when it is carried unchanged); while the
     * district is not eligible the 请示 is a draft that applies for nothing (request/context.ts), and the
     * sentence says so instead of claiming it is submitted
     */
    reissue: reissueSentence(input, project.district.government),
    district: project.district.name,
    programme: project.programme.title,
    feedback: {
      stage: feedback.stage, subject, reviewer: feedback.reviewer, date: chineseDate(feedback.date), round: feedback.round,
      score: feedback.score ?? '', hasScore: feedback.score !== undefined,
    },
    revision: input.render.revision,
    previousRevision: input.previous.revision,
    items,
    open: items.filter((i) => !i.answered),
    sender: project.district.government,
    date: chineseDate(feedback.responseDate ?? project.generatedAt),
    contact: { office: project.contact.office, person: project.contact.person ?? '', phone: project.contact.phone ?? '' },
    /** 现场核查: the table of problems (::: table rectification) */
    rectificationTable: '::: table rectification',
  };
}

export type ResponseContext = ReturnType<typeof responseContext>;

/** A text of several paragraphs quoted on one line. */
function oneLine(text: string): string {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’]';
  return text.split(/\n+/).map((l) => l.replace(/^#+\s*/, '').trim()).filter(Boolean).join('')
    .replace(new RegExp(`(?<=${cjk})[ \\t]+(?=${cjk})`, 'gu'), '');
}
