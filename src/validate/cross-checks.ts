import type { Catalog, PlacedIndicator } from '../model/index.ts';
import type { EvidenceItem } from '../model/index.ts';
import type { Issue, SourcePlace } from '../model/index.ts';
import type { Project } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { circled } from '../common/index.ts';
import { resolveUnit } from './units.ts';

type DataPath = readonly (string | number)[];
export interface Locator {
  locate(path: DataPath): SourcePlace;
}


/** Indicator numbers unique; sub-indicator numbers unique; responsible units known (aliases allowed). */
export function checkCatalog(catalog: Catalog, project: Project, at: Locator): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<number, string>();
  catalog.domains.forEach((domain, d) =>
    domain.tasks.forEach((task, t) =>
      task.indicators.forEach((ind, i) => {
        const base: DataPath = ['domains', d, 'tasks', t, 'indicators', i];
        if (seen.has(ind.no)) {
          issues.push({
            code: 'indicator-duplicate', severity: 'error', path: [...base, 'no'], ...at.locate([...base, 'no']),
            message: `指标序号 ${ind.no} 重复：“${ind.name}”与“${seen.get(ind.no)}”用了同一个序号`, expected: '每个指标一个唯一的序号',
          });
        } else seen.set(ind.no, ind.name);
        const subNos = new Set<number>();
        ind.subIndicators.forEach((sub, s) => {
          if (subNos.has(sub.no)) {
            issues.push({
              code: 'sub-indicator-duplicate', severity: 'error', path: [...base, 'subIndicators', s, 'no'], ...at.locate([...base, 'subIndicators', s, 'no']),
              message: `指标${ind.no}的分项序号 ${circled(sub.no)} 重复`,
            });
          }
          subNos.add(sub.no);
        });
        ind.units.forEach((unit, u) => {
          const found = resolveUnit(unit, project.units);
          if (!found.found) {
            issues.push({
              code: 'unit-unknown', severity: 'error', path: [...base, 'units', u], ...at.locate([...base, 'units', u]),
              message: `指标${ind.no}的责任单位“${unit}”不在 project.yaml 的责任单位名单中${found.suggestion ? `，是否应为“${found.suggestion}”？` : ''}`,
              expected: 'project.yaml 中 units 列出的单位名称或别名', actual: unit,
              hint: found.suggestion ? `改为“${found.suggestion}”，或在 project.yaml 中为该单位添加别名` : '在 project.yaml 的 units 中添加该单位',
            });
          }
        });
      }),
    ),
  );
  return issues;
}

/** A share (比例, 率, %) lies in 0–100; a change (幅度, 下降率, 提高, 增长) may be negative. */
export function shareBounds(name: string, unit: string): { min: number; max: number } | undefined {
  if (unit !== '%') return undefined;
  if (/幅度|下降率|增长率|提高|变化|Δ/.test(name)) return undefined;
  return { min: 0, max: 100 };
}

export function checkResults(results: readonly Result[], indicators: readonly PlacedIndicator[], at: Locator): Issue[] {
  const issues: Issue[] = [];
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const seen = new Set<string>();
  results.forEach((r, index) => {
    const base: DataPath = ['results', index];
    const ind = byNo.get(r.indicator);
    if (!ind) {
      issues.push({
        code: 'result-unknown-indicator', severity: 'error', path: [...base, 'indicator'], ...at.locate([...base, 'indicator']),
        message: `结果中的指标序号 ${r.indicator} 不存在于 indicators.yaml`, expected: `1–${Math.max(...indicators.map((i) => i.no))} 中的序号`, actual: String(r.indicator),
      });
      return;
    }
    const sub = r.sub === undefined ? undefined : ind.subIndicators.find((s) => s.no === r.sub);
    if (r.sub !== undefined && !sub) {
      issues.push({
        code: 'result-unknown-sub', severity: 'error', path: [...base, 'sub'], ...at.locate([...base, 'sub']),
        message: `指标${ind.no}“${ind.name}”没有分项 ${circled(r.sub)}`,
        expected: ind.subIndicators.length ? ind.subIndicators.map((s) => circled(s.no)).join('') : '不写 sub（该指标没有分项）',
      });
      return;
    }
    // an indicator judged line by line (not by one value's condition) uses no result without `sub`
    if (r.sub === undefined && ind.subIndicators.length > 0 && !ind.subIndicators.some((s) => s.when !== undefined)) {
      const lines = ind.subIndicators.map((s) => `${circled(s.no)}${s.name}`).join('、');
      const only = ind.subIndicators.length === 1 ? ind.subIndicators[0]! : undefined;
      issues.push({
        code: 'result-without-sub', severity: 'warning', path: base, ...at.locate(base),
        message: `指标${ind.no}“${ind.name}”按分项判定（${lines}），这条结果没有写分项序号（sub），判定时用不到：该分项仍缺少现状值`,
        hint: only ? `在这条结果中写上 sub: ${only.no}（${only.name}）` : `在这条结果中写上 sub: 分项序号（${ind.subIndicators.map((s) => `${s.no} 为${s.name}`).join('，')}）；每个分项各写一条结果`,
      });
    }
    const key = `${r.indicator}/${r.sub ?? ''}`;
    if (seen.has(key)) {
      issues.push({
        code: 'result-duplicate', severity: 'error', path: base, ...at.locate(base),
        message: `指标${ind.no}${r.sub ? circled(r.sub) : ''}的结果重复填写`, hint: '每个指标（或分项）只保留一条结果',
      });
    }
    seen.add(key);
    const name = sub ? `${ind.name}${sub.name}` : ind.name;
    const bounds = shareBounds(name, sub?.unit ?? ind.unit);
    if (!bounds) return;
    for (const [year, value] of Object.entries(r.values)) {
      if (value < bounds.min || value > bounds.max) {
        issues.push({
          code: 'result-share-out-of-range', severity: 'error', path: [...base, 'values', year], ...at.locate([...base, 'values', year]),
          message: `指标${ind.no}${r.sub ? circled(r.sub) : ''}“${sub?.name ?? ind.name}”${year}年的数值 ${value}% 超出 0–100% 的范围`,
          expected: '0 到 100 之间的百分数', actual: `${value}`,
        });
      }
    }
  });
  return issues;
}

export function checkEvidenceItems(items: readonly EvidenceItem[], indicators: readonly PlacedIndicator[], at: Locator): Issue[] {
  const issues: Issue[] = [];
  const known = new Set(indicators.map((i) => i.no));
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const ids = new Set<string>();
  items.forEach((item, index) => {
    const base: DataPath = ['evidence', index];
    if (ids.has(item.id)) {
      issues.push({ code: 'evidence-duplicate-id', severity: 'error', path: [...base, 'id'], ...at.locate([...base, 'id']), message: `佐证材料编号“${item.id}”重复`, expected: '每条材料一个唯一编号' });
    }
    ids.add(item.id);
    if (looksLikeFileName(item.title, item.file)) {
      issues.push({
        code: 'evidence-title-filename', severity: 'warning', path: [...base, 'title'], ...at.locate([...base, 'title']),
        message: `佐证材料 ${item.id} 的标题“${item.title}”像是相机或电脑给的文件名，会原样印在佐证材料汇编的目录和图片说明中`,
      });
    }
    if (item.dateSource?.startsWith('待核对')) {
      issues.push({
        code: 'evidence-date-unchecked', severity: 'warning', path: [...base, 'dateSource'], ...at.locate([...base, 'dateSource']),
        message: `佐证材料 ${item.id}（${item.title}）的日期 ${item.date} 是推测的（${item.dateSource.replace('待核对：', '取自')}），尚未核对`,
        hint: '按材料上的落款或印章日期核对 date，然后把 dateSource 改为“已核对”',
      });
    }
    if (item.indicators.length === 0) {
      issues.push({
        code: 'evidence-no-indicator', severity: 'warning', path: [...base, 'indicators'], ...at.locate([...base, 'indicators']),
        message: `佐证材料 ${item.id}（${item.file}）尚未对应任何指标，不会进入佐证材料汇编`,
      });
    }
    item.indicators.forEach((no, k) => {
      if (!known.has(no)) {
        issues.push({
          code: 'evidence-unknown-indicator', severity: 'error', path: [...base, 'indicators', k], ...at.locate([...base, 'indicators', k]),
          message: `佐证材料 ${item.id} 引用的指标序号 ${no} 不存在于 indicators.yaml`, actual: String(no),
        });
      }
    });
    for (const ref of item.subs ?? []) {
      const ind = byNo.get(ref.indicator);
      if (!ind || ind.subIndicators.some((s) => s.no === ref.sub)) continue;
      issues.push({
        code: 'evidence-unknown-sub', severity: 'error', path: [...base, 'indicators'], ...at.locate([...base, 'indicators']),
        message: `佐证材料 ${item.id} 引用的分项 ${ref.indicator}${circled(ref.sub)} 不存在：指标${ind.no}“${ind.name}”${ind.subIndicators.length ? `只有分项 ${ind.subIndicators.map((s) => circled(s.no)).join('')}` : '没有分项'}`,
        actual: `${ref.indicator}${circled(ref.sub)}`,
      });
    }
  });
  return issues;
}

/** Names cameras, phones and chat apps give files (IMG_20220616_093012, DSC01234, 微信图片_2023…, mmexport…, Screenshot_…). */
const MACHINE_NAME = /^(?:IMG|DSCN?|DCIM|PXL|VID|MVIMG|P\d{7}|Screenshot|Scan|mmexport|wx_camera|微信图片|屏幕截图|截图)[\s_\-]?\d|^\d{8}[\s_\-]?\d{4,6}$|^(?:IMG|DSC)\d+$/i;

/** A title that is a file's name rather than the material's: a machine-made name, or the file's own name. */
export function looksLikeFileName(title: string, file: string): boolean {
  const t = title.trim();
  const base = file.split('/').pop() ?? file;
  const stem = base.replace(/\.[^.]+$/, '');
  return MACHINE_NAME.test(t) || (t === base || (t === stem && /^[\x21-\x7e]+$/.test(stem)));
}

/**
 * The documents' date (the 请示's own date, else generatedAt) after the submission deadline: a 请示 dated
 * after the batch closed is refused by any reviewer. Only a warning: the office may have a later deadline.
 */
export function checkDocumentDate(project: Project, at: Locator): Issue[] {
  const submission = project.deadlines.find((d) => d.id === 'submission');
  const own = project.application?.date;
  const date = own ?? project.generatedAt;
  if (!submission || date <= submission.date) return [];
  const dataPath: DataPath = own ? ['application', 'date'] : ['generatedAt'];
  return [{
    code: 'document-date-after-deadline', severity: 'warning', path: dataPath, ...at.locate(dataPath),
    message: `成文日期 ${date} 晚于“${submission.name}”的日期 ${submission.date}：申报文件和申报报告都会落这个日期`,
  }];
}

/**
 * A leading group without members (init leaves the list empty): the report and 附件2 name only the leader
 * and deputies, while the report says the departments' heads are its members. A warning at the list.
 */
export function checkLeadingGroup(project: Project, at: Locator): Issue[] {
  if (project.leadingGroup.members.length > 0) return [];
  const dataPath: DataPath = ['leadingGroup', 'members'];
  return [{
    code: 'leading-group-no-members', severity: 'warning', path: dataPath, ...at.locate(dataPath),
    message: '领导小组成员名单还是空的：申报报告和附件2只会列出组长和副组长',
    hint: '在 project.yaml 的 leadingGroup.members 中每行写一位成员，如 - { name: 张三, post: 县发展和改革局局长 }',
  }];
}
