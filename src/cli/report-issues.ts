import { explainIssue, formatIssue, type Issue } from '../model/index.ts';

/** Issues as JSON objects: `file`, `message` and the code's `title` always present, place fields and the remedy (`hint`) where known. */
export function issuesToJson(issues: readonly Issue[]) {
  return issues.map((i) => ({ ...explainIssue(i), path: [...i.path] }));
}

export function splitIssues(issues: readonly Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity !== 'error'),
  };
}

/** Human text: every issue on its own line, errors first, then a count. */
export function formatIssues(issues: readonly Issue[]): string {
  const { errors, warnings } = splitIssues(issues);
  const lines = [...errors, ...warnings].map(formatIssue);
  if (errors.length || warnings.length) lines.push(`共 ${errors.length} 个错误，${warnings.length} 个警告。`);
  return lines.join('\n');
}

/**
 * Refusals that are not about the project's data: the output folder (a sent revision, busy, not writable,
 * full) or a revision identical to the previous one. A run stopped only by these must not tell the user
 * to correct their input.
 */
const NOT_INPUT: ReadonlySet<string> = new Set(['bundle-submitted', 'out-busy', 'out-not-writable', 'disk-full', 'fingerprints-not-saved', 'revise-no-change']);

/** The last line of a refused build or revise: correct the input only when the input has errors. */
export function refusalLine(errors: readonly Issue[], what: string): string {
  if (errors.length > 0 && errors.every((e) => NOT_INPUT.has(e.code))) return `${what}：原因和办法见上面的说明，项目数据没有错误。`;
  return `${what}：请先按上面的位置修改错误。`;
}
