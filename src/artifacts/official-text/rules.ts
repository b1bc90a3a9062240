/**
 * What must never reach an official document (申报文件, 申报报告, 附件1, 佐证材料汇编, the response documents,
 * the site-visit documents): text meant for the office or for us. One rule per kind; each finds the exact
 * characters, so the error can quote them and look for the field they came from.
 */
export interface TextRule {
  readonly id: 'placeholder' | 'clerk-hint' | 'project-format' | 'research-note' | 'local-path' | 'ascii-id' | 'zero-width' | 'doubled-punctuation';
  /** what the office is told it is */
  readonly label: string;
  readonly pattern: RegExp;
}

const PROJECT_KEYS = [
  'superiorTarget', 'generatedAt', 'dateSource', 'docNo', 'shortName', 'baselineYear', 'currentYear', 'catalogueNo',
  'responseDate', 'replaceWith', 'noChange', 'deputyLeaders', 'leadingGroup', 'startPoint', 'issuerMark', 'copyTo', 'printDate',
];

export const TEXT_RULES: readonly TextRule[] = [
  { id: 'placeholder', label: '占位内容', pattern: /待填写[^\s。，；]{0,20}/gu },
  { id: 'clerk-hint', label: '给经办人的提示', pattern: /（请(?!示)[^）]{0,60}）|请在[^。]{0,30}(?:填写|补充|删去|修改)[^。；）]{0,30}/gu },
  {
    id: 'project-format', label: '项目文件的字段名或文件名',
    pattern: new RegExp(`(?<![A-Za-z])(?:${PROJECT_KEYS.join('|')}|(?:district|programme|application|contact|project)\\.[a-z][A-Za-z]*|status(?=[：:]))(?![A-Za-z])|[^\\s（(“]{0,20}\\.ya?ml(?![A-Za-z])|(?<![A-Za-z])(?:narrative|evidence|feedback)/`, 'gu'),
  },
  { id: 'research-note', label: '研究备注或存疑说明', pattern: /[^。；（]{0,8}(?:通行说法|非原文引文|尚未与[^。；）]{0,12}核对|条文未能取得|eligibility\.md)[^。；）]{0,8}/gu },
  { id: 'local-path', label: '本机路径', pattern: /(?<![A-Za-z])[A-Za-z]:[\\/][^\s，。；）]*|(?<![\w.])\/(?:home|tmp|Users|work|var|mnt|root|opt|private)\/[^\s，。；）]*/gu },
  // an ASCII word with a hyphen or underscore and lower-case letters (E23-sign-photo, scan-001), or camelCase
  { id: 'ascii-id', label: '英文编号', pattern: /(?<![A-Za-z0-9_./\\@-])(?=[A-Za-z0-9_-]*[a-z]{2})[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+(?![A-Za-z0-9_-])|(?<![A-Za-z])[a-z]+[A-Z][A-Za-z]+(?![A-Za-z])/gu },
  { id: 'zero-width', label: '不可见字符', pattern: /[\u200b-\u200f\u2060\ufeff]/gu },
  // also around a closing quote: a quoted sentence keeps its 。 inside or gives it to the sentence, never both (“…申报。”。)
  { id: 'doubled-punctuation', label: '重复的标点', pattern: /[。；，、：！？][。；，、：！？]|[。！？][”’」』][。；，]/gu },
];

export interface TextFinding {
  readonly rule: TextRule;
  /** the characters found */
  readonly found: string;
  /** a little of the text around them, one line */
  readonly around: string;
}

/** Every finding of every rule in `text`, in rule order. */
export function findInText(written: string): TextFinding[] {
  // the zero-width characters the writers put in on purpose (documents/docx/inline.ts): word joiners around
  // the dash of a number range (33⁠—⁠35), which keep the range on one line, and a zero-width space after the
  // 、 of a list of numbers (1、​5), where a line may break; a reader sees only the numbers
  const text = written.replace(/(\d)\u2060([—–～〜~])\u2060(?=\d)/gu, '$1$2').replace(/(\d)、\u200b(?=\d)/gu, '$1、');
  const findings: TextFinding[] = [];
  for (const rule of TEXT_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const at = m.index ?? 0;
      const around = text.slice(Math.max(0, at - 12), at + m[0].length + 12).replace(/\s+/g, ' ');
      findings.push({ rule, found: m[0], around: around.replace(/[\u200b-\u200f\u2060\ufeff]/g, '⟨零宽字符⟩') });
    }
  }
  return findings;
}
