import path from 'node:path';

/**
 * The tool's own state beside what it makes, never part of a bundle: in an output folder the fingerprints,
 * their key and the kept figures; in a project folder the web page's record and uploads.
 */
export const STATE_DIR = '.eco-dossier';

/** The state folder of `folder` (an output or a project folder). */
export const stateDirOf = (folder: string): string => path.join(folder, STATE_DIR);
