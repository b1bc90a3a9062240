/**
 * The name of a bundle's zip in out/: the complete bundle carries the bundle's plain name
 * (兖州区-…申报材料-r2.zip); a revision's changes-only package says that it is partial
 * (兖州区-…申报材料-r2-变更部分.zip), so nobody sends it as if it were the whole application.
 */
export const PARTIAL_SUFFIX = '-变更部分';

export function bundleZipName(bundle: string, contents: 'complete' | 'changes'): string {
  return `${bundle}${contents === 'changes' ? PARTIAL_SUFFIX : ''}.zip`;
}
