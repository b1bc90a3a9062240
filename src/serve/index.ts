/** The face of serve/: what other folders use of it. */
export { startServer } from './server.ts';
export { snapshotHtml } from './snapshot.ts';
export { dashboardOf } from './dashboard.ts';
