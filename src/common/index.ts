/** The face of common/: what other folders use of it. */
export { chineseDate, chineseNumeral, circled, difference, formatNumber, formatQuantity, formatShare, oneLine, roundedNumber, roundTo, shareOf } from './chinese.ts';
export { districtWords, wordsOf, type DistrictWords } from './district-words.ts';
export { provinceOf, provincialEcologyDepartment, recipientOf } from './recipient.ts';
export { displayPath } from './display-path.ts';
export { STATE_DIR, stateDirOf } from './state-dir.ts';
export { DEFAULT_MAX_VOLUME_MB } from './limits.ts';
export { type ProgressListener } from './progress.ts';
export { MAX_SEGMENT, safeSegment, uniquePaths } from './safe-names.ts';
export { titlesOf } from './titles.ts';
export { GENERATOR } from './version.ts';
export { MB, megabytesText } from './units.ts';
