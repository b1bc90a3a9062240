import { chineseDate, formatShare } from '../../common/index.ts';
import { titlesOf, wordsOf } from '../../common/index.ts';
import { assessEligibility } from '../../judge/index.ts';
import { InternalError } from '../../model/index.ts';
import type { RenderInput } from '../render-input.ts';
import { bundleRecipient } from '../report/index.ts';
import { summarize } from '../report/context.ts';

/**
 * The data the 申报文件 template sees: the district government's 请示 to submit the application, with its
 * 版头 and 版记 from project.yaml's `application`, and the attachments it names (report, task table, annex).
 */
export function requestContext(input: RenderInput, annexVolumes: number) {
  const { project, indicators } = input.data;
  const application = project.application;
  if (!application) throw new InternalError('project.yaml 没有 application，却要生成申报文件');
  const titles = titlesOf(project);
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const summary = summarize(input.verdicts.map((verdict) => {
    const indicator = byNo.get(verdict.no);
    if (!indicator) throw new InternalError(`判定结果 ${verdict.no} 没有对应的指标`);
    return { verdict, indicator };
  }));
  const date = requestDate(input);
  const eligibility = assessEligibility(indicators, input.verdicts, input.data.eligibilityRule);
  const { contact } = project;
  const noteParts = [contact.person ? `联系人：${contact.person}` : '', contact.phone ? `电话：${contact.phone}` : ''].filter(Boolean);
  return {
    sample: project.sample,
    district: { name: project.district.name, shortName: project.district.shortName, kind: project.district.kind, government: project.district.government },
    /** the district's own words: 我县 / 我区 … (common/district-words.ts) */
    words: wordsOf(project.district),
    programme: project.programme,
    title: `${project.district.government}关于申报${project.programme.batch}${project.programme.title}的请示`,
    issuerMark: application.issuerMark ?? `${project.district.government}文件`,
    docNo: application.docNo,
    signers: typeof application.signer === 'string' ? [application.signer] : application.signer,
    recipient: bundleRecipient(project),
    /**
     * a draft while the judged state does not meet the 申报条件: marked 草稿 under the title, it says which
     * conditions are not met (bindingBlocking, referenceShortfall) and asks for nothing; then the final 请示
     */
    draft: !eligibility.eligible,
    /** every indicator the eligibility line names (kept for districts' own templates written against it) */
    blocking: eligibility.reasons.map((r) => ({ no: r.no, name: r.name, attribute: r.attribute, verdict: r.verdict })),
    /** the 约束性 indicators not 达标 (each must be, where the rule asks for all) */
    bindingBlocking: eligibility.reasons.filter((r) => r.attribute === '约束性').map((r) => ({ no: r.no, name: r.name, verdict: r.verdict })),
    /**
     * the 参考性 share short of the rule: how many more must be 达标, and which are not yet (any of them will
     * do, so none is listed as blocking on its own); undefined when the share is reached
     */
    referenceShortfall: eligibility.reference.more > 0
      ? {
        met: eligibility.reference.met, total: eligibility.reference.total, share: formatShare(eligibility.reference.share),
        required: formatShare(eligibility.reference.required), more: eligibility.reference.more,
        notYet: eligibility.reasons.filter((r) => r.attribute === '参考性').map((r) => r.no).join('、'),
      }
      : undefined,
    basisText: project.programme.basis.join('和'),
    summary,
    attachments: [
      { no: 1, title: titles.report },
      { no: 2, title: titles.taskTable },
      { no: 3, title: annexVolumes > 1 ? `${titles.annex}（共${annexVolumes}册）` : titles.annex },
    ],
    government: project.district.government,
    dateText: chineseDate(date),
    /** 联系人：张明，电话：0537-…; '' when project.yaml's contact gives neither */
    note: noteParts.join('，'),
    copyTo: application.copyTo,
    printer: application.printer ?? project.district.government,
    printDateText: chineseDate(application.printDate ?? date),
  };
}

/** The 请示's 成文日期: application.date, else the project's date (revise keeps the first one, see revise.ts). */
export function requestDate(input: RenderInput): string {
  return input.data.project.application?.date ?? input.data.project.generatedAt;
}

