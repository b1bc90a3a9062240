import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copySample, type MiniProject } from '../../helpers/mini-project.ts';

/** Where the copy of the report template sits inside the project. */
export const TEMPLATE = 'my-templates/report/report.md.hbs';

/** The sample project with its own copy of the templates (project.yaml `templates:`), edited by `change`. */
export async function sampleWithTemplate(change: (source: string) => string): Promise<MiniProject> {
  const p = await copySample();
  await cp(path.resolve('templates'), path.join(p.dir, 'my-templates'), { recursive: true });
  const file = path.join(p.dir, TEMPLATE);
  await writeFile(file, change(await readFile(file, 'utf8')));
  await writeFile(path.join(p.dir, 'project.yaml'), `${await readFile(path.join(p.dir, 'project.yaml'), 'utf8')}\ntemplates: my-templates\n`);
  return p;
}
