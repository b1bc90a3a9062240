import { createRequire } from 'node:module';
import type { DatabaseSync } from 'node:sqlite';

/**
 * Node's built-in SQLite (`node:sqlite`, no native build at install). Node 22.13 and later load it
 * without a flag; Node 22 still announces it as experimental on first load, which is noise to the office
 * (the record's guarantees are ours to test, not the user's to read about), so that one warning is held
 * back while the module loads. Every other warning is printed as before.
 */
export type Database = DatabaseSync;

let loaded: typeof import('node:sqlite') | undefined;

function sqlite(): typeof import('node:sqlite') {
  if (loaded) return loaded;
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/\bSQLite\b/.test(text)) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
  } finally {
    process.emitWarning = emit;
  }
  return loaded;
}

/** Opens (creates) the database file. */
export function openDatabase(file: string): Database {
  return new (sqlite().DatabaseSync)(file);
}
