import { districtKindOf, type DistrictKind } from '../model/index.ts';

/**
 * The district's own words: a 县 writes 我县, 全县, 县有关部门（单位）, a 市辖区 我区, a 县级市 我市, a 旗 我旗. The
 * kind is project.yaml's `district.kind`, by default the last character of the district's name. Every
 * template, slide, document and message takes these words from here (templates see them as `words`).
 */
export interface DistrictWords {
  readonly kind: DistrictKind;
  /** 我县 */
  readonly we: string;
  /** 本县 */
  readonly own: string;
  /** 全县 */
  readonly whole: string;
  /** 县有关部门（单位） */
  readonly departments: string;
  /** 县委 */
  readonly partyCommittee: string;
  /** 县政府 */
  readonly governmentShort: string;
}

export function districtWords(kind: DistrictKind): DistrictWords {
  return {
    kind,
    we: `我${kind}`,
    own: `本${kind}`,
    whole: `全${kind}`,
    departments: `${kind}有关部门（单位）`,
    partyCommittee: `${kind}委`,
    governmentShort: `${kind}政府`,
  };
}

/** The words of a project's district: its `kind`, else the one its name ends in. */
export function wordsOf(district: { readonly name: string; readonly kind?: DistrictKind | undefined }): DistrictWords {
  return districtWords(district.kind ?? districtKindOf(district.name));
}
