export * from './common.ts';
export * from './issue.ts';
export * from './project.ts';
export * from './catalog.ts';
export * from './results.ts';
export * from './evidence.ts';
export * from './project-data.ts';
export * from "./manifest.ts";
