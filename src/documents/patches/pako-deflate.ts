import { createRequire } from 'node:module';
import { once } from './once.ts';

/**
 * pdf-lib compresses every content stream it writes with `pako.deflate`, which sets up a new compressor
 * for each: about 275 KB of zeroed arrays (the window, the hash chains, the pending buffer), then a 16 KB
 * output piece whose view it returns. An annex volume writes one small content stream per page (the
 * header and the page number stamped on each piece of evidence): profiling a 0.5 GB build put 0.33 s of
 * its annex in pako there, most of it setting up, and the arrays were garbage at once. zlib's own contract
 * is that a reset compressor compresses as a new one does (C zlib leaves the window and chains
 * uninitialised and its output does not depend on them), so one compressor, reset for each stream, gives
 * the same bytes. Only calls with pako's defaults are taken over (pdf-lib's); any other goes to pako.
 * tests/documents/patches/pako-deflate.test.ts compares both on many inputs and on whole documents.
 */

interface ZStream {
  input: Uint8Array;
  next_in: number;
  avail_in: number;
  output: Uint8Array;
  next_out: number;
  avail_out: number;
}

interface PakoModule {
  deflate(input: unknown, options?: unknown): Uint8Array;
}

interface ZlibDeflate {
  deflateInit2(strm: ZStream, level: number, method: number, windowBits: number, memLevel: number, strategy: number): number;
  deflateReset(strm: ZStream): number;
  deflate(strm: ZStream, flush: number): number;
}

/** The pako pdf-lib loads (package-lock.json pins 1.0.11), with its zlib port and stream type. */
function pakoOfPdfLib(): { pako: PakoModule; zlib: ZlibDeflate; ZStream: new () => ZStream } {
  const require = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
  const from = createRequire(require.resolve('pako'));
  return { pako: require('pako') as PakoModule, zlib: from('./lib/zlib/deflate') as ZlibDeflate, ZStream: from('./lib/zlib/zstream') as new () => ZStream };
}

const { pako, zlib, ZStream: Stream } = pakoOfPdfLib();

/** pako's own deflate, kept so a test can compare the bytes both give. */
export const originalDeflate = pako.deflate;

// pako's defaults: Z_DEFAULT_COMPRESSION (level 6), Z_DEFLATED, a 32 KB window with the zlib wrapper, memLevel 8, Z_DEFAULT_STRATEGY
const LEVEL = -1;
const DEFLATED = 8;
const WINDOW_BITS = 15;
const MEM_LEVEL = 8;
const STRATEGY = 0;
const Z_FINISH = 4;
const Z_OK = 0;
const Z_STREAM_END = 1;
/** pako's output piece: the same pieces as pako's, so the compressor is driven exactly as there */
const PIECE = 16384;

let stream: ZStream | undefined;
const piece = new Uint8Array(PIECE);

/** zlib-wrapped deflate of `input` at pako's defaults, with one compressor reset for each call. */
export function deflateReusing(input: Uint8Array): Uint8Array {
  if (!stream) {
    stream = new Stream();
    stream.avail_out = 0;
    if (zlib.deflateInit2(stream, LEVEL, DEFLATED, WINDOW_BITS, MEM_LEVEL, STRATEGY) !== Z_OK) throw new Error('pako: deflateInit2 failed');
  } else if (zlib.deflateReset(stream) !== Z_OK) {
    throw new Error('pako: deflateReset failed');
  }
  const s = stream;
  s.input = input;
  s.next_in = 0;
  s.avail_in = input.length;
  const pieces: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    s.output = piece;
    s.next_out = 0;
    s.avail_out = PIECE;
    const status = zlib.deflate(s, Z_FINISH);
    if (status !== Z_OK && status !== Z_STREAM_END) throw new Error(`pako: deflate failed (${status})`);
    if (s.next_out > 0) {
      pieces.push(piece.slice(0, s.next_out));
      total += s.next_out;
    }
    if (status === Z_STREAM_END) break;
  }
  s.input = EMPTY; // the caller's bytes are not held
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const EMPTY = new Uint8Array(0);

/** pako.deflate, taking over the calls made with its defaults on bytes (every call pdf-lib makes). */
function deflate(input: unknown, options?: unknown): Uint8Array {
  if (options === undefined && input instanceof Uint8Array) return deflateReusing(input);
  return originalDeflate.call(pako, input, options);
}

/** The deflate pdf-lib's streams are compressed with (a test sets pako's own again). */
export function usePdfDeflate(fn: PakoModule['deflate']): void {
  pako.deflate = fn;
}

/** Gives pdf-lib the reused compressor, once per process. */
export const speedUpPdfDeflate = once(() => usePdfDeflate(deflate));
