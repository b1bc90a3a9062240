import { describe, expect, it } from 'vitest';

describe('the library\'s public face (src/index.ts)', () => {
  it('offers the stages a program builds on, and not the internals', async () => {
    const lib = await import('../../src/index.ts');
    const names = Object.keys(lib).sort();
    for (const verb of ['loadProject', 'checkProject', 'judge', 'planBundle', 'buildBundle', 'writeAnnex', 'reviseBundle', 'verifyBundle', 'diffManifests', 'renderReport', 'renderTaskTable', 'renderAnnex', 'collectWorkbooks', 'importWorkbooks', 'installLibraryPatches']) {
      expect(names, verb).toContain(verb);
    }
    // toolkits and helpers are not part of it (they were: officialDocument, renderAnnexVolume, every model constant)
    for (const internal of ['officialDocument', 'renderAnnexVolume', 'planAnnexVolumes', 'CHECKSUM_FILE', 'KNOWN_STAGES', 'listIndicators']) {
      expect(names, internal).not.toContain(internal);
    }
    expect(names.length).toBeLessThanOrEqual(45);
  });
});
