/** The face of serve/: what other folders use of it. */
export { startServer } from './server.ts';
export { snapshotHtml } from './snapshot.ts';
export { dashboardOf } from './dashboard.ts';

export { OFFICE, OfficeRecord, RECORD_FILE, STATE_DIR } from './record.ts';
