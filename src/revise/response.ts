import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { evidenceRange } from '../render/annex/page-book.ts';
import type { Feedback } from '../model/feedback.ts';
import type { Manifest } from '../model/manifest.ts';
import type { WrittenFile } from '../package/manifest.ts';
import { hashOf, sha256 } from '../files/hash.ts';
import type { PlannedArtifact } from '../plan/bundle-plan.ts';
import { officialDocument } from '../render/docx/index.ts';
import { renderTemplate, templateSet } from '../render/templates.ts';
import { chineseDate, circled } from '../common/chinese.ts';
import type { RenderInput } from '../plan/render-input.ts';
import type { ValueChange } from './feedback.ts';

export const RESPONSE_FILE = '补充材料说明.docx';

export interface ResponseInput {
  readonly render: RenderInput;
  readonly bundleDir: string;
  readonly written: readonly WrittenFile[];
  readonly feedback: Feedback;
  readonly valueChanges: readonly ValueChange[];
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
  const { project } = data;
  const places = annexPlaces(input.written);
  const before = new Map(input.previous.indicators.map((i) => [i.no, i]));
  const now = new Map(verdicts.map((v) => [v.no, v]));
  const unitOf = (no: number) => data.indicators.find((i) => i.no === no)?.unit ?? '';
  const shown = (value: number | undefined, unit: string) => (value === undefined ? '（空）' : `${value}${unit === '%' ? '%' : unit === '-' ? '' : unit}`);
  const items = input.feedback.items.map((item, k) => {
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
      values: input.valueChanges
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
    title: `${project.district.name}关于${input.feedback.title}的补充材料说明`,
    recipient: project.programme.recipient,
    district: project.district.name,
    programme: project.programme.title,
    feedback: { title: input.feedback.title, reviewer: input.feedback.reviewer, date: chineseDate(input.feedback.date), round: input.feedback.round },
    revision: input.render.revision,
    previousRevision: input.previous.revision,
    items,
    open: items.filter((i) => !i.answered),
    sender: project.district.government,
    date: chineseDate(input.feedback.responseDate ?? project.generatedAt),
  };
}

/** Renders 补充材料说明.docx (same official layout as the report) into the staged bundle. */
export async function responseDocument(input: ResponseInput): Promise<WrittenFile[]> {
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
  await writeFile(path.join(input.bundleDir, RESPONSE_FILE), bytes);
  const inputs = { context: hashOf(context), template: sha256(markdown) };
  const artifact: PlannedArtifact = {
    path: RESPONSE_FILE, role: 'response', indicators: [...new Set(input.feedback.items.flatMap((i) => (i.indicator === 'general' ? [] : [i.indicator])))],
    inputs, inputHash: hashOf(inputs), source: { kind: 'written' },
  };
  return [{ artifact, sha256: sha256(bytes), bytes: bytes.length }];
}
