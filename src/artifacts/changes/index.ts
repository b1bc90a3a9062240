/** The face of artifacts/changes/: what other folders use of it. */
export { changesNothing, compareFiles } from './compare.ts';
