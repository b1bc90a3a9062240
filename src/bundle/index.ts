/** The face of bundle/: what other folders use of it. */
export { assembleBundle, buildBundle, type BuildOptions, type BuildResult } from './build.ts';
export { storeFor } from './fingerprinting.ts';
export { writeAnnex, type AnnexOptions, type AnnexResult } from './annex.ts';

export { sentState, submitBundle } from './submission.ts';
