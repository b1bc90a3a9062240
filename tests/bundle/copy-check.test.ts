import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { fingerprintsTrusted, openFingerprints, statExact } from '../../src/files/fingerprints.ts';
import { makeMiniProject } from '../helpers/mini-project.ts';

describe('build checks the originals it copies into 原始材料/', () => {
  it('refuses a fingerprint entry (signed with the store key) whose sha256 is not the file\'s', async (ctx) => {
    const project = await makeMiniProject();
    try {
      const out = path.join(project.dir, 'out');
      const evidence = path.join(project.dir, 'evidence', 'plan.pdf');
      if (!(await fingerprintsTrusted([project.dir]))) ctx.skip();
      // whoever can read out/.eco-dossier/key can write an entry the store accepts
      const store = await openFingerprints(out);
      store.record(evidence, await statExact(evidence), 'f'.repeat(64));
      expect(await store.save()).toBeUndefined();
      const built = await buildBundle(project.dir, { outDir: out });
      expect(built.ok).toBe(false);
      const issue = built.issues.find((i) => i.severity === 'error');
      expect(issue).toMatchObject({ code: 'changed-during-build' });
      expect(issue!.file).toMatch(/evidence\/plan\.pdf$/);
      expect(issue!.message).toContain('ffffffffffff');
    } finally {
      await project.cleanup();
    }
  }, 120_000);
});
