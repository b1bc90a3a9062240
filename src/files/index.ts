/** The face of files/: what other folders use of it. */
export { tempPathBeside, writeFileAtomic } from './atomic.ts';
export { BundleShapeError, openBundle, readAll, type BundleReader } from './bundle-reader.ts';
export { fingerprintOf, fingerprintsTrusted, openFingerprints, statExact, withoutCtime, type FingerprintStore } from './fingerprints.ts';
export { copyFileHashed, type CopiedFile } from './copy-hashed.ts';
export { hashFilesOnThreads } from './hash-workers.ts';
export { hashFiles, hashOf, sha256, sha256File, type HashedFile } from './hash.ts';
export { SaveProblem, notWritable, processAlive } from './out-lock.ts';
export { readWhole, ReadSlot } from './read-whole.ts';
export { abortAllStagingSync, abortStaging, removeFoldersSync, stagingWatch, commitFiles, commitStaging, createStaging, type Staging } from './staging.ts';

export { FileTooLargeError } from './read-whole.ts';
export { tidyOutFolder } from './staging.ts';

export { writeProblem } from './out-lock.ts';
