import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** Written into every manifest: which tool made the bundle. */
export const GENERATOR = { name: pkg.name, version: pkg.version } as const;
