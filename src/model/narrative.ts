/**
 * The report's narrative parts (基本情况, 创建工作开展情况, 工作进度, 存在问题及下一步工作, and any part a district's
 * own template adds): text the office writes and edits, one plain-text file a part in the project's
 * narrative/ folder (narrative/基本情况.txt …), read into the report where its template names the part.
 */
export const NARRATIVE_FOLDER = 'narrative';
export const NARRATIVE_EXT = '.txt';

/**
 * A line that starts with `//` (spaces before it allowed) is a note to whoever writes the file, e.g. what
 * `init` says each part should contain: the loader drops it, so it never reaches any document.
 */
export const NARRATIVE_COMMENT = '//';

/** The parts the built-in report template uses, in the report's order. */
export const STANDARD_PARTS = ['基本情况', '创建工作开展情况', '工作进度', '存在问题及下一步工作'] as const;

export interface NarrativePart {
  /** the text, Markdown subset of the templates; line endings normalised, trimmed */
  readonly text: string;
  /** where it comes from: narrative/基本情况.txt, or project.yaml (district.profile) */
  readonly file: string;
}

/** part name → its text. */
export type Narrative = Readonly<Record<string, NarrativePart>>;

/** narrative/基本情况.txt: the file a part is written in, relative to the project folder. */
export function narrativeFile(part: string): string {
  return `${NARRATIVE_FOLDER}/${part}${NARRATIVE_EXT}`;
}
