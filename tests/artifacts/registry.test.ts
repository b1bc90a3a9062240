import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import type { ArtifactPlanner } from '../../src/artifacts/artifact.ts';
import { hashOf } from '../../src/files/hash.ts';
import { ARTIFACT_KINDS } from '../../src/artifacts/registry.ts';
import { artifactKind, writeRendered, type Renderer } from '../../src/artifacts/kind.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

/**
 * Adding an artifact to the bundle is one kind (a planner and a renderer) plus one registry line. The example: 达标情况一览.txt,
 * a plain list of every indicator and its verdict.
 */
type VerdictListSource = { readonly kind: 'verdict-list' };

// the planner: which file, its role and what it is made from
const VERDICT_LIST: ArtifactPlanner<VerdictListSource> = {
  kind: 'verdict-list',
  stage: 'readme',
  plan: (input) => {
    const inputs = { verdicts: hashOf(input.render.verdicts) };
    return [{ path: '达标情况一览.txt', role: 'readme', indicators: [], source: { kind: 'verdict-list' }, inputs, inputHash: hashOf(inputs) }];
  },
};

// the renderer: plain data in, its file written
const verdictList: Renderer<VerdictListSource> = async (_source, ctx) =>
  writeRendered(ctx, Buffer.from(ctx.input.verdicts.map((v) => `${v.no}\t${v.verdict}\t${v.reason}`).join('\r\n'), 'utf8'));

// the registry line
const KINDS = [...ARTIFACT_KINDS, artifactKind(VERDICT_LIST, verdictList)];

let mini: MiniProject;
let out: string;
beforeAll(async () => {
  mini = await makeMiniProject();
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-registry-'));
});
afterAll(async () => {
  await mini.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('the artifact registry', () => {
  it('builds a bundle with an artifact added by one renderer and one registry line', async () => {
    const built = await buildBundle(mini.dir, { outDir: out, artifactKinds: KINDS });
    expect(built.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const listed = built.manifest!.files.find((f) => f.path === '达标情况一览.txt');
    expect(listed).toMatchObject({ role: 'readme' });
    const text = readFileSync(path.join(built.bundleDir!, '达标情况一览.txt'), 'utf8');
    expect(text.split('\r\n')).toHaveLength(built.manifest!.indicators.length);
    expect(text).toMatch(/^1\t(达标|未达标|待补充)\t/);
    const verified = await verifyBundle(built.zip!);
    expect(verified.ok).toBe(true);
  });

  it('names every built-in kind once, each with a renderer or as a copy', () => {
    const kinds = ARTIFACT_KINDS.map((k) => k.kind);
    expect(kinds).toEqual(['request', 'report', 'annex-volume', 'evidence', 'task-table', 'check-script', 'readme', 'response', 'changes']);
    expect(ARTIFACT_KINDS.filter((k) => k.render === 'copy').map((k) => k.kind)).toEqual(['evidence']);
  });

  it('pairs a planner and a renderer with what the kind adds: `reusable` alone (as before `begin`) or with `begin`', () => {
    const reusable = () => true;
    const begin = async () => undefined;
    expect(artifactKind(VERDICT_LIST, verdictList, reusable).reusable).toBe(reusable);
    const both = artifactKind(VERDICT_LIST, verdictList, { reusable, begin });
    expect([both.reusable, both.begin]).toEqual([reusable, begin]);
    expect(Object.keys(artifactKind(VERDICT_LIST, verdictList))).not.toContain('begin');
    // only the report starts work early among the built-in kinds
    expect(ARTIFACT_KINDS.filter((k) => k.begin).map((k) => k.kind)).toEqual(['report']);
  });
});
