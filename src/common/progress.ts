/** Progress of a long step, for the build's progress bars (stderr, terminals only). */
export type ProgressListener = (event: { readonly step: string; readonly done: number; readonly total: number }) => void;
