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
