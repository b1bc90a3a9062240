import { expect } from 'vitest';
import type { RenderInput } from '../../src/artifacts/render-input.ts';
import { checkProject } from '../../src/load/check.ts';

/** The sample project judged, as renderers take it (revision `revision`); its check must find no error. */
export async function sampleInput(revision = 1): Promise<RenderInput> {
  const checked = await checkProject('fixtures/yanzhou-2023');
  expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { data: checked.data!, verdicts: checked.verdicts, revision };
}
