/** The face of status/: what other folders use of it. */
export { formatReadiness, missingOf, readiness, type Readiness } from './readiness.ts';
