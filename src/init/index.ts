/** The face of init/: what other folders use of it. */
export { SelectionError, initProject, readCatalogue, terrainClass } from './init.ts';
