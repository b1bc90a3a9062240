import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { once } from './once.ts';

/**
 * archiver (and exceljs's own copy of it) computes every entry's CRC-32 with the `crc-32` package, a table
 * lookup in JavaScript: profiling `npm run bench` put 5.2 s of a 1 GB build's 9 s zip stage there. Node's
 * zlib.crc32 (Node 20.15+) computes the same checksum natively. `crc-32` is a CommonJS module, so the one
 * object every importer shares is found through the packages that import it (archiver → zip-stream →
 * compress-commons → crc32-stream) and its `buf` is replaced. The checksum is the same number, so every zip
 * and xlsx keeps its bytes: tests/documents/patches/zip-crc.test.ts compares both functions and a zip written with each.
 */
interface Crc32Module {
  buf(data: Uint8Array, seed?: unknown): number;
}

function crcModule(): Crc32Module {
  let require = createRequire(import.meta.url);
  for (const step of ['archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) require = createRequire(require.resolve(step));
  return require('crc-32') as Crc32Module;
}

const shared = crcModule();

/** `crc-32`'s own function, kept so a test can compare the bytes both give. */
export const originalCrc32 = shared.buf;

/**
 * The same contract as crc-32's buf: a signed 32-bit result, `seed` the previous (signed) result; a seed
 * that is not a number counts as 0, as it does there (crc32-stream starts from a Buffer).
 */
export function nativeCrc32(data: Uint8Array, seed?: unknown): number {
  return crc32(data, Number(seed) >>> 0) | 0;
}

/** The function every zip writer in the process computes its CRC-32 with (a test also sets crc-32's own, or a counter). */
export function useZipChecksum(fn: Crc32Module['buf']): void {
  shared.buf = fn;
}

/** Gives every zip writer the native CRC-32, once per process (a test may set another with useZipChecksum after). */
export const speedUpZipChecksums = once(() => useZipChecksum(nativeCrc32));
