/** The face of revise/: what other folders use of it. */
export { applyFeedback, loadFeedback } from './feedback.ts';
export { correctionsNotInResults } from './corrections.ts';
export type { ReviseOptions, ReviseResult } from './revise.ts';
import type { ReviseOptions, ReviseResult } from './revise.ts';

/**
 * A new revision from the previous bundle and the review round's answers (revise.ts). Loaded when called:
 * what else this face offers (the rounds' corrections for validate, a revision's state for site-visit) needs
 * none of the bundle's renderers.
 */
export async function reviseBundle(projectDir: string, options: ReviseOptions): Promise<ReviseResult> {
  const { reviseBundle: revise } = await import('./revise.ts');
  return revise(projectDir, options);
}
export { revisionState, roundOf } from './rounds.ts';
