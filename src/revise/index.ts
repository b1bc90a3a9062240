/** The face of revise/: what other folders use of it. */
export { applyFeedback, loadFeedback } from './feedback.ts';
export { correctionsNotInResults } from './corrections.ts';
export { reviseBundle, type ReviseOptions, type ReviseResult } from './revise.ts';
export { revisionState, roundOf } from './rounds.ts';
