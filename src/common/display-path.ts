import path from 'node:path';

/**
 * How a file is named to a person, the one home for it: relative to `base` (the working folder unless
 * told otherwise) with / separators when the file is inside it, else the absolute path as it is.
 */
export function displayPath(abs: string, base: string = process.cwd()): string {
  const rel = path.relative(base, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
