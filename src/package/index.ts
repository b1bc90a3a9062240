/** The face of package/: what other folders use of it. */
export { changesPackage } from './changes-package.ts';
export { diffManifests, formatDiff, type BundleDiff } from './diff.ts';
export { readManifest, readManifestBytes } from './manifest-read.ts';
export { buildManifest, checksumText, manifestJson } from './manifest.ts';
export { verifyBundle, type VerifyResult } from './verify.ts';
export { bundleZipName } from './zip-name.ts';
export { zipFolder } from './zip.ts';
