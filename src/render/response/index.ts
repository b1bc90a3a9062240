import { chineseDate, circled } from '../../common/chinese.ts';
import { hashOf, sha256 } from '../../files/hash.ts';
import type { Manifest } from '../../model/manifest.ts';
import type { ResponseAnswer, WrittenFile } from '../../plan/artifact.ts';
import type { RenderInput } from '../../plan/render-input.ts';
import { evidenceRange } from '../annex/page-book.ts';
import { officialDocument } from '../docx/index.ts';
import { renderTemplate, templateSet } from '../templates.ts';

/**
 * 补充材料说明.docx: the answer to a review round, item by item, with what the revision changed: the
 * evidence added and where it sits in the annex, corrected values, verdicts that changed.
 */
export interface ResponseInput {
  readonly render: RenderInput;
  /** the files of the new revision produced before it (annex volumes with their contents) */
  readonly written: readonly WrittenFile[];
  readonly answer: ResponseAnswer;
  readonly previous: Manifest;
}

/** Where an evidence item landed in the annex: "佐证材料汇编.pdf 第57—58页". */
function annexPlaces(written: readonly WrittenFile[]): Map<string, string> {
  const places = new Map<string, string>();
  for (const w of written) {
    for (const entry of w.contents ?? []) {
      for (const e of entry.evidence) {
        const printed = evidenceRange(e);
        const pages = e.pages > 1 ? `第${printed.first}—${printed.last}页` : `第${printed.first}页`;
        if (!places.has(e.id)) places.set(e.id, `${w.artifact.path} ${pages}`);
      }
    }
  }
  return places;
}

/** Plain data for templates/response/response.md.hbs: every feedback item in order, with what changed. */
export function responseContext(input: ResponseInput) {
  const { data, verdicts } = input.render;
  const { feedback, valueChanges } = input.answer;
  const { project } = data;
  const places = annexPlaces(input.written);
  const before = new Map(input.previous.indicators.map((i) => [i.no, i]));
  const now = new Map(verdicts.map((v) => [v.no, v]));
  const unitOf = (no: number) => data.indicators.find((i) => i.no === no)?.unit ?? '';
  const shown = (value: number | undefined, unit: string) => (value === undefined ? '（空）' : `${value}${unit === '%' ? '%' : unit === '-' ? '' : unit}`);
  const items = feedback.items.map((item, k) => {
    const indicator = item.indicator === 'general' ? undefined : data.indicators.find((i) => i.no === item.indicator);
    const old = indicator ? before.get(indicator.no) : undefined;
    const verdict = indicator ? now.get(indicator.no) : undefined;
    return {
      no: k + 1,
      id: item.id,
      subject: indicator ? `指标${indicator.no}“${indicator.name}”` : '综合意见',
      comment: item.comment,
      answered: Boolean(item.response),
      response: item.response?.text ?? '',
      evidence: (item.response?.evidence ?? []).map((e) => ({
        title: e.title,
        issuer: e.issuer,
        date: chineseDate(e.date),
        docNo: e.docNo ?? '',
        where: places.get(e.id) ?? '见原始材料文件夹',
        replaces: e.replaces ?? '',
      })),
      values: valueChanges
        .filter((v) => v.feedbackId === item.id)
        .map((v) => ({
          label: `${v.sub ? circled(v.sub) : ''}${v.year}年数值`,
          from: shown(v.from, unitOf(v.indicator)),
          to: shown(v.to, unitOf(v.indicator)),
          note: v.note ?? '',
        })),
      verdictChanged: Boolean(old && verdict && old.verdict !== verdict.verdict),
      verdictFrom: old?.verdict ?? '',
      verdictTo: verdict?.verdict ?? '',
      verdictReason: verdict?.reason ?? '',
    };
  });
  return {
    sample: project.sample,
    title: `${project.district.name}关于${feedback.title}的补充材料说明`,
    recipient: project.programme.recipient,
    district: project.district.name,
    programme: project.programme.title,
    feedback: { title: feedback.title, reviewer: feedback.reviewer, date: chineseDate(feedback.date), round: feedback.round },
    revision: input.render.revision,
    previousRevision: input.previous.revision,
    items,
    open: items.filter((i) => !i.answered),
    sender: project.district.government,
    date: chineseDate(feedback.responseDate ?? project.generatedAt),
  };
}

/** The document's bytes, and the inputs it was made from (what it cites included). */
export async function renderResponse(input: ResponseInput): Promise<{ bytes: Buffer; inputs: Record<string, string> }> {
  const { project, dir } = input.render.data;
  const context = responseContext(input);
  const templates = templateSet(dir, project.templates);
  const markdown = renderTemplate(templates, 'response/response.md.hbs', context);
  const bytes = await officialDocument({
    markdown,
    title: context.title,
    date: project.generatedAt,
    ...(project.sample ? { headerText: '示例数据　仅用于演示，非官方材料' } : {}),
  });
  return { bytes, inputs: { context: hashOf(context), template: sha256(markdown) } };
}
