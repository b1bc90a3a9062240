import { createRequire } from 'node:module';
import { PDFContext, PDFObjectParser, PDFRawStream, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';

/** What the patches replace, read from the libraries themselves (not from our module, which is imported later). */
function patchedPlaces() {
  let require = createRequire(import.meta.url);
  for (const step of ['archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) require = createRequire(require.resolve(step));
  const crc = require('crc-32') as { buf: unknown };
  const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as { deflate: unknown };
  const byteStream = Object.getPrototypeOf((PDFObjectParser.forBytes(new Uint8Array(0), PDFContext.create()) as unknown as { bytes: object }).bytes) as { slice: unknown };
  return {
    copyBytesInto: (PDFStream.prototype as unknown as { copyBytesInto: unknown }).copyBytesInto,
    clone: (PDFRawStream.prototype as unknown as { clone: unknown }).clone,
    slice: byteStream.slice,
    crc: crc.buf,
    deflate: pako.deflate,
  };
}

describe('library patches are installed by a call, never by an import', () => {
  it('importing eco-dossier (every module of its face) leaves pdf-lib, pako and crc-32 as they were; installLibraryPatches changes them', async () => {
    const before = patchedPlaces();
    const library = await import('../../../src/index.ts');
    // the renderers' modules load lazily: import those too, as a program rendering with us would
    await import('../../../src/artifacts/annex/volume.ts');
    await import('../../../src/documents/pdf/index.ts');
    await import('../../../src/package/zip.ts');
    await import('../../../src/site-visit/handbook/index.ts');
    expect(patchedPlaces()).toEqual(before);
    library.installLibraryPatches();
    const after = patchedPlaces();
    for (const key of Object.keys(before) as (keyof typeof before)[]) expect(after[key], key).not.toBe(before[key]);
    library.installLibraryPatches();
    expect(patchedPlaces()).toEqual(after);
  });

  it('every patch names its library, its measured reason and a test that exists', async () => {
    const { LIBRARY_PATCHES } = await import('../../../src/documents/patches/index.ts');
    const { existsSync } = await import('node:fs');
    expect(LIBRARY_PATCHES.length).toBeGreaterThanOrEqual(5);
    for (const p of LIBRARY_PATCHES) {
      expect(p.why).toMatch(/\d/);
      expect(existsSync(new URL(`../../../${p.test}`, import.meta.url)), p.test).toBe(true);
    }
  });
});
