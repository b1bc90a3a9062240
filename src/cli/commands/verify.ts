import path from 'node:path';
import { verifyBundle } from '../../package/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';
import { progressBar } from '../progress.ts';

const USAGE = 'eco-dossier verify 材料包.zip|材料包目录 [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE);
  if (!positionals[0]) throw new CliUsageError('请给出要校验的材料包（zip 文件或文件夹）', USAGE);
  const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
  const result = await verifyBundle(path.resolve(ctx.cwd, positionals[0]), { onProgress: (done, total) => progress({ step: '校验文件', done, total }) });
  progress.done();
  if (values.json) {
    const { manifest: _m, ...rest } = result;
    ctx.stdout(JSON.stringify(rest, null, 2));
  } else {
    const lines = [`校验 ${result.location}${result.revision ? `（第${result.revision}版）` : ''}：`];
    for (const issue of result.issues) lines.push(`  ${issue.message}`);
    const previous = result.manifest?.previous;
    if (result.contents === 'changes') {
      lines.push(`这是第${result.revision}版的变更部分包：只含相对第${previous?.revision ?? '上一'}版新增和替换的文件；另有 ${result.omitted} 个未变的文件按设计不在包中，应使用第${previous?.revision ?? '上一'}版材料包（${previous?.bundle ?? ''}）中的同名文件（校验值见 changes.json）。`);
      lines.push(result.ok ? `完整：包中 ${result.checked} 个文件全部存在且校验值一致。` : '不完整或已被改动。');
    } else lines.push(result.ok ? `完整：${result.checked} 个文件全部存在且校验值一致。` : '不完整或已被改动。');
    ctx.stdout(lines.join('\n'));
  }
  return result.ok ? EXIT.ok : EXIT.inputProblems;
}
