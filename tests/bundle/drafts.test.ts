import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { Submission } from '../../src/model/submission.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { OfficeRecord } from '../../src/serve/record.ts';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const BUNDLE = '示例区-国家生态文明建设示范区申报材料-r1';

/** Changes indicator 3's current value in results.yaml, so the next build differs. */
function changeValue(dir: string, from: string, to: string): void {
  const file = path.join(dir, 'results.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('drafts until submitted', () => {
  let p: MiniProject;
  let out: string;
  beforeAll(async () => {
    p = await makeMiniProject();
    out = path.join(p.dir, 'out');
    // the project keeps a dashboard record: submit notes the submission there too
    new OfficeRecord(p.dir).close();
  });
  afterAll(() => p.cleanup());

  it('build replaces an unsent draft without --force, keeping one previous draft beside it', async () => {
    const first = await buildBundle(p.dir, { outDir: out });
    expect(first.ok).toBe(true);
    expect(first.previousDraft).toBeUndefined();
    const firstZip = sha(first.zip!);
    const firstManifest = readFileSync(path.join(first.bundleDir!, 'manifest.json'), 'utf8');

    changeValue(p.dir, '86.2', '87.0');
    const cli = await run('build', p.dir, '--out', out);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('已替换原草稿');
    expect(cli.stdout).toContain(`${BUNDLE}-上一稿`);
    expect(sha(path.join(out, `${BUNDLE}.zip`))).not.toBe(firstZip);
    // the previous draft, whole: folder and zip as they were
    expect(readFileSync(path.join(out, `${BUNDLE}-上一稿`, 'manifest.json'), 'utf8')).toBe(firstManifest);
    expect(sha(path.join(out, `${BUNDLE}-上一稿.zip`))).toBe(firstZip);
    const secondZip = sha(path.join(out, `${BUNDLE}.zip`));

    changeValue(p.dir, '87.0', '88.0');
    const third = await buildBundle(p.dir, { outDir: out });
    expect(third.ok).toBe(true);
    expect(third.previousDraft).toBe(path.join(out, `${BUNDLE}-上一稿`));
    // one previous draft is kept: the one just replaced
    expect(sha(path.join(out, `${BUNDLE}-上一稿.zip`))).toBe(secondZip);
    expect(readdirSync(out).filter((n) => !n.startsWith('.')).sort()).toEqual([BUNDLE, `${BUNDLE}-上一稿`, `${BUNDLE}-上一稿.zip`, `${BUNDLE}.zip`].sort());
    expect((await verifyBundle(path.join(out, `${BUNDLE}-上一稿`))).ok).toBe(true);
  });

  it('submit records the revision beside the bundle (not inside it) and in the record', async () => {
    const zip = path.join(out, `${BUNDLE}.zip`);
    const zipBefore = sha(zip);
    const bad = await run('submit', zip, '--to', '生态环境部', '--date', '2023-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date 应为报送日期');

    const copy = await run('submit', path.join(out, `${BUNDLE}-上一稿`), '--to', '生态环境部', '--date', '2023-07-25');
    expect(copy.code).toBe(1);
    expect(copy.stdout).toContain('未记录为已报送');
    expect(existsSync(path.join(out, `${BUNDLE}-上一稿.已报送.json`))).toBe(false);

    const sent = await run('submit', zip, '--to', '生态环境部', '--date', '2023-07-25', '--json');
    expect(sent.code).toBe(0);
    const note = path.join(out, `${BUNDLE}.已报送.json`);
    const recorded = Submission.parse(JSON.parse(readFileSync(note, 'utf8')));
    expect(recorded).toEqual({
      bundle: BUNDLE, revision: 1, to: '生态环境部', date: '2023-07-25',
      manifestSha256: sha(path.join(out, BUNDLE, 'manifest.json')), zip: `${BUNDLE}.zip`, zipSha256: zipBefore,
    });
    expect(JSON.parse(sent.stdout).record).toBe(p.dir);
    // the bundle itself is untouched: it still verifies, folder and zip
    expect((await verifyBundle(path.join(out, BUNDLE))).ok).toBe(true);
    expect(sha(zip)).toBe(zipBefore);
    const record = new OfficeRecord(p.dir);
    try {
      expect(record.events()).toContainEqual(expect.objectContaining({ action: '报送', target: `${BUNDLE}.zip`, sha256: zipBefore, detail: '第1版于2023-07-25报送生态环境部' }));
    } finally {
      record.close();
    }

    // the same again is no change; another date or recipient does not rewrite the record
    expect((await run('submit', path.join(out, BUNDLE), '--to', '生态环境部', '--date', '2023-07-25')).code).toBe(0);
    const other = await run('submit', zip, '--to', '山东省生态环境厅', '--date', '2023-07-26');
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('报送记录不会更改');
    expect(Submission.parse(JSON.parse(readFileSync(note, 'utf8')))).toEqual(recorded);
  });

  it('a submitted revision is never overwritten: build says to use revise, without calling the input wrong', async () => {
    const zip = path.join(out, `${BUNDLE}.zip`);
    const zipBefore = sha(zip);
    const manifestBefore = readFileSync(path.join(out, BUNDLE, 'manifest.json'), 'utf8');
    changeValue(p.dir, '88.0', '89.0');
    const cli = await run('build', p.dir, '--out', out);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`第1版（${BUNDLE}）已于2023-07-25报送生态环境部`);
    expect(cli.stdout).toContain('eco-dossier revise --from');
    expect(cli.stdout).toContain('项目数据没有错误');
    expect(cli.stdout).not.toContain('请先按上面的位置修改错误');
    // --force is no way round it (build no longer has it)
    expect((await run('build', p.dir, '--out', out, '--force')).code).toBe(2);
    const api = await buildBundle(p.dir, { outDir: out });
    expect(api.ok).toBe(false);
    expect(api.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['bundle-submitted']);
    expect(sha(zip)).toBe(zipBefore);
    expect(readFileSync(path.join(out, BUNDLE, 'manifest.json'), 'utf8')).toBe(manifestBefore);

    // the next revision is made with revise
    const revised = await run('revise', p.dir, '--from', zip, '--out', out);
    expect(revised.code).toBe(0);
    const r2 = BUNDLE.replace(/-r1$/, '-r2');
    expect(existsSync(path.join(out, r2))).toBe(true);
    // the second revision is a draft in its turn: revise replaces it, keeping the previous draft
    changeValue(p.dir, '89.0', '90.0');
    const again = await run('revise', p.dir, '--from', zip, '--out', out);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`原草稿保留为 ${path.join(out, `${r2}-上一稿`)}`);
    expect((await verifyBundle(path.join(out, `${r2}-上一稿`))).ok).toBe(true);
  });

  it('input errors still say so', async () => {
    changeValue(p.dir, '90.0', '约90');
    const cli = await run('build', p.dir, '--out', out);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('请先按上面的位置修改错误');
  });
});
