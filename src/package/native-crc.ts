import crcModule from 'crc-32';
import { crc32 as zlibCrc32 } from 'node:zlib';

/**
 * archiver computes the CRC-32 of every entry through the `crc-32` package, in JavaScript: about 65 MB/s
 * on the 2-core machines here, which made zipping a bundle 3× slower than `zip -0`. Node's zlib.crc32
 * gives the same numbers natively. Routing the package's `buf` to it (once, checked against the
 * original on a test vector first) keeps archiver as the zip writer at native speed.
 */
let routed = false;

export function useNativeCrc32(): void {
  if (routed) return;
  const original = crcModule.buf;
  const native: typeof original = (data, seed) => zlibCrc32(data instanceof Uint8Array ? data : Uint8Array.from(data), (seed ?? 0) >>> 0) | 0;
  const probe = Buffer.from('eco-dossier 佐证材料汇编 0123456789');
  if (original(probe, 0) !== native(probe, 0) || original(probe.subarray(5), original(probe.subarray(0, 5))) !== native(probe.subarray(5), native(probe.subarray(0, 5)))) {
    return; // never route to something that would give different checksums
  }
  (crcModule as { buf: typeof original }).buf = native;
  routed = true;
}
