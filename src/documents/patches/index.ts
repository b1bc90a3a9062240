import { speedUpPdfDeflate } from './pako-deflate.ts';
import { speedUpPdfLib } from './pdf-lib.ts';
import { speedUpZipChecksums } from './zip-crc.ts';

/**
 * The changes eco-dossier makes to the libraries it builds on, in one place and one list. None is made when
 * the library is imported: the renderers that need them (an annex volume, the 现场核查 handbook, the bundle's
 * zip) call installLibraryPatches() first, and a program building on eco-dossier may call it too. Each one
 * keeps the library's output byte for byte and only removes work a profile of `npm run bench` found; each
 * has a test that compares it with the unpatched library.
 */
export interface LibraryPatch {
  /** the package and the version the patch was written and tested against (package-lock.json pins it) */
  readonly library: string;
  readonly what: string;
  /** what it was measured to save */
  readonly why: string;
  readonly test: string;
}

export const LIBRARY_PATCHES: readonly LibraryPatch[] = [
  {
    library: 'pdf-lib 1.17.1',
    what: 'PDFStream.copyBytesInto writes a stream\'s content with one TypedArray.set instead of byte by byte',
    why: '17 % of the annex\'s CPU time in npm run bench (500 files, 1 GB)',
    test: 'tests/documents/patches/pdf-lib.test.ts',
  },
  {
    library: 'pdf-lib 1.17.1',
    what: 'PDFRawStream.clone shares the cloned content instead of copying it (copyPages clones every stream)',
    why: '0.26 s and a volume\'s worth of garbage per 1 GB build',
    test: 'tests/documents/patches/pdf-lib.test.ts',
  },
  {
    library: 'pdf-lib 1.17.1',
    what: 'the parser\'s ByteStream.slice gives a view of the file\'s bytes instead of a copy',
    why: 'a second copy of every parsed stream, dropped right after (144–188 MB of arrays alive during a 1 GB annex before, with the clone patch)',
    test: 'tests/documents/patches/pdf-lib.test.ts',
  },
  {
    library: 'pako 1.0.11 (pdf-lib\'s)',
    what: 'pako.deflate with its defaults (every stream pdf-lib compresses) resets one compressor instead of setting up a new one for each',
    why: 'a 0.5 GB build\'s annex spent 0.33 s in pako, most of it setting up about 275 KB of arrays for each page\'s small content stream',
    test: 'tests/documents/patches/pako-deflate.test.ts',
  },
  {
    library: 'crc-32 1.2.2 (archiver → zip-stream → compress-commons → crc32-stream)',
    what: 'buf computed by Node\'s zlib.crc32 instead of a table lookup in JavaScript',
    why: '5.2 s of a 1 GB build\'s 9 s zip stage',
    test: 'tests/documents/patches/zip-crc.test.ts',
  },
];

/** Installs every patch of LIBRARY_PATCHES, once per process; later calls do nothing. */
export function installLibraryPatches(): void {
  speedUpPdfLib();
  speedUpPdfDeflate();
  speedUpZipChecksums();
}
