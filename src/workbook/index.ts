/** The face of workbook/: what other folders use of it. */
export { collectWorkbook, collectWorkbooks } from './collect.ts';
export { importWorkbooks } from './import.ts';
export { fieldLabel, indicatorLabel, showValue } from './merge.ts';

export { collectDir } from './layout.ts';
