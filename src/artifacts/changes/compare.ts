import { CHANGES_FILE, type FileChange } from '../../model/index.ts';

/**
 * The lifecycle operation of every path between two revisions (eCTD style): new, replace, delete or
 * unchanged, judged by content hash. changes.json itself is left out: it cannot describe itself.
 */
export function compareFiles(
  before: readonly { readonly path: string; readonly sha256: string }[],
  after: readonly { readonly path: string; readonly sha256: string }[],
): FileChange[] {
  const old = new Map(before.filter((f) => f.path !== CHANGES_FILE).map((f) => [f.path, f]));
  const now = new Map(after.filter((f) => f.path !== CHANGES_FILE).map((f) => [f.path, f]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths.map((p) => {
    const a = old.get(p);
    const b = now.get(p);
    const op: FileChange['op'] = !a ? 'new' : !b ? 'delete' : a.sha256 === b.sha256 ? 'unchanged' : 'replace';
    return { path: p, op, oldSha256: a?.sha256 ?? null, newSha256: b?.sha256 ?? null };
  });
}

/**
 * True when a revision changes nothing the office sends: every file the same as in the previous revision
 * (same paths, same bytes), 说明.txt (which names the revision) and changes.json aside.
 */
export function changesNothing(
  before: readonly { readonly path: string; readonly sha256: string }[],
  after: readonly { readonly path: string; readonly sha256: string; readonly role: string }[],
): boolean {
  const own = new Set(after.filter((f) => f.role === 'readme' || f.role === 'changes').map((f) => f.path));
  return compareFiles(before.filter((f) => !own.has(f.path)), after.filter((f) => !own.has(f.path))).every((c) => c.op === 'unchanged');
}
