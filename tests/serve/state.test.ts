import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectState } from '../../src/serve/state.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

/** One validation per state of the project files, shared by the requests that arrive while it runs. */
describe('the project as the pages read it', () => {
  let project: MiniProject;
  beforeAll(async () => {
    project = await makeMiniProject();
  });
  afterAll(async () => {
    await project?.cleanup();
  });

  it('validates once for twenty concurrent requests, and once again after a change', async () => {
    const state = new ProjectState(project.dir);
    const first = await Promise.all(Array.from({ length: 20 }, () => state.checked()));
    expect(new Set(first).size).toBe(1);
    expect(first[0]!.data).toBeDefined();
    expect(await state.checked()).toBe(first[0]);
    // a change (an appended comment) makes a new state: checked once more, shared again
    await appendFile(path.join(project.dir, 'results.yaml'), '# 已核对\n');
    const after = await Promise.all(Array.from({ length: 20 }, () => state.checked()));
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(first[0]);
  });
});
