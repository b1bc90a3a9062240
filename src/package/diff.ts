import { CHANGES_FILE, CHECKSUM_FILE, MANIFEST_FILE, type FileChange, type Manifest } from '../model/index.ts';
import { compareFiles } from '../artifacts/changes/index.ts';

export interface BundleDiff {
  readonly from: { readonly bundle: string; readonly revision: number };
  readonly to: { readonly bundle: string; readonly revision: number };
  readonly files: Readonly<Record<FileChange['op'], readonly string[]>>;
  readonly indicators: readonly {
    readonly no: number;
    readonly name: string;
    readonly verdict?: { readonly from: string; readonly to: string };
    readonly current?: { readonly from: string; readonly to: string };
  }[];
  readonly evidence: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly replaced: readonly string[] };
  /** evidence id → title, from either manifest (older manifests have none) */
  readonly titles: Readonly<Record<string, string>>;
  /** pages inserted between the two bundles (76-1 …; not those the older one already had): which evidence item, printed on which numbers */
  readonly inserted: readonly { readonly path: string; readonly evidence: string; readonly first: string; readonly last: string }[];
  /** the checksum files every bundle rewrites: manifest.json and manifest-sha256.txt */
  readonly rewritten: readonly string[];
  readonly annex: readonly { readonly path: string; readonly pagesBefore: number | null; readonly pagesAfter: number | null; readonly numbersBefore: string | null; readonly numbersAfter: string | null }[];
}

/** What changed between two bundles, from their manifests: files by operation, indicators, evidence, annex pages. Pure. */
export function diffManifests(a: Manifest, b: Manifest): BundleDiff {
  const changes = compareFiles(a.files, b.files);
  const byOp = (op: FileChange['op']) => changes.filter((c) => c.op === op).map((c) => c.path);
  const before = new Map(a.indicators.map((i) => [i.no, i]));
  const indicators = b.indicators.flatMap((i) => {
    const old = before.get(i.no);
    if (!old) return [{ no: i.no, name: i.name, verdict: { from: '—', to: i.verdict }, current: { from: '—', to: i.current } }];
    const verdict = old.verdict !== i.verdict ? { verdict: { from: old.verdict, to: i.verdict } } : {};
    const current = old.current !== i.current ? { current: { from: old.current, to: i.current } } : {};
    return Object.keys(verdict).length || Object.keys(current).length ? [{ no: i.no, name: i.name, ...verdict, ...current }] : [];
  });
  const evidenceFiles = (m: Manifest) => new Map(m.files.filter((f) => f.role === 'evidence').flatMap((f) => (f.evidence ?? []).map((id) => [id, f.sha256] as const)));
  const ea = evidenceFiles(a);
  const eb = evidenceFiles(b);
  const annexPaths = [...new Set([...a.files, ...b.files].filter((f) => f.role === 'annex').map((f) => f.path))].sort();
  const pages = (m: Manifest, p: string) => m.files.find((f) => f.path === p)?.pages?.count ?? null;
  // the numbers printed on the first and the last page: 69—83, or 69—83-1 when the last page is an inserted one
  const range = (m: Manifest, p: string) => {
    const at = m.files.find((f) => f.path === p)?.pages;
    return at ? `${at.first}—${at.lastPrinted ?? at.last}` : null;
  };
  // changes.json describes every other file and is left out of compareFiles: listed here, as written
  const changesOf = (m: Manifest) => m.files.find((f) => f.path === CHANGES_FILE)?.sha256;
  const changesOp = !changesOf(b) ? (changesOf(a) ? 'delete' : undefined) : !changesOf(a) ? 'new' : changesOf(a) === changesOf(b) ? 'unchanged' : 'replace';
  const withChanges = (op: FileChange['op']) => [...byOp(op), ...(changesOp === op ? [CHANGES_FILE] : [])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const titles = Object.fromEntries([...(a.evidenceItems ?? []), ...(b.evidenceItems ?? [])].map((e) => [e.id, e.title]));
  // only the pages inserted between the two: an inserted page the older bundle already had (same evidence, same numbers) is not new
  const had = new Set(insertedPages(a).map(insertedKey));
  const inserted = insertedPages(b).filter((p) => !had.has(insertedKey(p)));
  return {
    from: { bundle: a.bundle, revision: a.revision },
    to: { bundle: b.bundle, revision: b.revision },
    files: { new: withChanges('new'), replace: withChanges('replace'), delete: withChanges('delete'), unchanged: withChanges('unchanged') },
    indicators,
    evidence: {
      added: [...eb.keys()].filter((id) => !ea.has(id)),
      removed: [...ea.keys()].filter((id) => !eb.has(id)),
      replaced: [...eb.keys()].filter((id) => ea.has(id) && ea.get(id) !== eb.get(id)),
    },
    annex: annexPaths.map((p) => ({ path: p, pagesBefore: pages(a, p), pagesAfter: pages(b, p), numbersBefore: range(a, p), numbersAfter: range(b, p) })),
    titles,
    inserted,
    rewritten: [MANIFEST_FILE, CHECKSUM_FILE],
  };
}

type InsertedPage = BundleDiff['inserted'][number];

/** The inserted pages (76-1 …) of a bundle's annex volumes, each with the evidence item printed on them. */
function insertedPages(m: Manifest): InsertedPage[] {
  return m.files.filter((f) => f.role === 'annex').flatMap((f) =>
    (f.contents ?? []).flatMap((c) => c.evidence.filter((e) => e.printed && /-/.test(e.printed.first + e.printed.last)).map((e) => ({ path: f.path, evidence: e.id, first: e.printed!.first, last: e.printed!.last }))));
}

/** An inserted page is the same in two bundles when it prints the same evidence on the same numbers. */
const insertedKey = (p: InsertedPage) => `${p.evidence}\u0000${p.first}\u0000${p.last}`;

export function formatDiff(d: BundleDiff): string {
  const lines = [`第${d.from.revision}版（${d.from.bundle}）→ 第${d.to.revision}版（${d.to.bundle}）`, '', '文件:'];
  const label = { new: '新增', replace: '替换', delete: '删除', unchanged: '未变' } as const;
  for (const op of ['new', 'replace', 'delete'] as const) for (const p of d.files[op]) lines.push(`  ${label[op]}  ${p}`);
  lines.push(`  未变  ${d.files.unchanged.length} 个文件`);
  lines.push(`  重写  ${d.rewritten.join('、')}（清单和校验值，每版都重新生成）`);
  lines.push('', '指标:');
  if (!d.indicators.length) lines.push('  无变化');
  for (const i of d.indicators) {
    const parts = [
      i.current ? `现状值 ${i.current.from.replace(/\n/g, ' ')} → ${i.current.to.replace(/\n/g, ' ')}` : '',
      i.verdict ? `达标情况 ${i.verdict.from} → ${i.verdict.to}` : '',
    ].filter(Boolean);
    lines.push(`  ${i.no} ${i.name}：${parts.join('；')}`);
  }
  lines.push('', '佐证材料:');
  const named = (ids: readonly string[]) => ids.map((id) => (d.titles[id] ? `${id}《${d.titles[id]}》` : id)).join('、') || '无';
  lines.push(`  新增 ${named(d.evidence.added)}`, `  删除 ${named(d.evidence.removed)}`, `  内容更换 ${named(d.evidence.replaced)}`);
  lines.push('', '佐证材料汇编页数:');
  for (const a of d.annex) {
    const numbers = a.numbersBefore === a.numbersAfter ? `第${a.numbersAfter}页` : `第${a.numbersBefore ?? '—'}页 → 第${a.numbersAfter ?? '—'}页`;
    lines.push(`  ${a.path}: ${a.pagesBefore ?? '—'} → ${a.pagesAfter ?? '—'} 页（${numbers}）`);
  }
  for (const i of d.inserted) {
    const pages = i.first === i.last ? `第${i.first}页` : `第${i.first}—${i.last}页`;
    lines.push(`  插页 ${i.path} ${pages}：${d.titles[i.evidence] ? `${i.evidence}《${d.titles[i.evidence]}》` : i.evidence}`);
  }
  return lines.join('\n');
}
