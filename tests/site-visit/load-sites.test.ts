import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { sampleCopy } from './helpers.ts';

/** line:column (1-based) of the `nth` occurrence of `needle` in `text`, counted independently of the YAML parser. */
function placeOf(text: string, needle: string, nth = 1): string {
  let at = -1;
  for (let k = 0; k < nth; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** A copy of the sample with sites.yaml (or project.yaml) edited; returns the folder and the edited text. */
function broken(file: 'sites.yaml' | 'project.yaml', edit: (text: string) => string) {
  const dir = sampleCopy();
  const abs = path.join(dir, file);
  const text = edit(readFileSync(abs, 'utf8'));
  writeFileSync(abs, text);
  return { dir, abs, text };
}

async function errorsOf(dir: string) {
  const result = await run('site-visit', dir, '--out', path.join(dir, 'out'));
  expect(result.code).toBe(1);
  return result.stdout.split('\n').filter((l) => l.includes(': 错误: '));
}

describe('sites.yaml: every bad input is a located error with its exact message', () => {
  it('an unknown indicator', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('indicators: [25, 8]', 'indicators: [25, 40]'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, '40]')}: 错误: 点位 S02（城区污水处理厂（示例））的指标序号 40 不存在于 indicators.yaml【点位对应的指标不存在】`]);
  });

  it('an unknown evidence item', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('evidence: [E27-msw]', 'evidence: [E27-msw-2022]'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, 'E27-msw-2022')}: 错误: 点位 S05（生活垃圾无害化处理场（示例））的佐证材料“E27-msw-2022”不在 evidence.yaml 中（填写 evidence.yaml 中佐证材料的 id）【点位引用的佐证材料不存在】`]);
  });

  it('a duplicate id', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('- id: S06', '- id: S03'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, 'S03', 2)}: 错误: 点位编号“S03”重复：第6个点位与第3个点位（泗河湿地生物多样性观测点（示例））用了同一个编号【点位编号重复】`]);
  });

  it('coordinates outside the district (project.yaml district.bounds)', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('lon: 116.872', 'lon: 117.172'));
    expect(await errorsOf(dir)).toEqual([
      `${abs}:${placeOf(text, '117.172')}: 错误: 点位 S05（生活垃圾无害化处理场（示例））的坐标（经度 117.1720，纬度 35.4980）在 project.yaml 给出的兖州区范围（经度 116.63—116.98，纬度 35.45—35.72）之外（核对坐标：应为 WGS-84 经纬度（十进制度），可用手机定位或照片的 GPS 信息（site-visit --suggest））【点位坐标不在辖区范围内】`,
    ]);
  });

  it('longitude and latitude swapped: a latitude beyond 90° is refused by the schema', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('lon: 116.812\n    lat: 35.572', 'lon: 35.572\n    lat: 116.812'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, '116.812')}: 错误: “纬度”（sites[0].lat）应不大于 90，实际为数字 116.812（对照文件中的注释和示例修改，各文件的完整写法见使用说明 docs/reference.md）【数据不符合格式要求】`]);
  });

  it('missing minutes', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('    minutes: 20\n    evidence: [E25-sewage]', '    evidence: [E25-sewage]'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, 'id: S02')}: 错误: 点位 S02（城区污水处理厂（示例））缺少停留时间 minutes（在该点位停留的分钟数）（例如 minutes: 20）【点位未写停留时间】`]);
  });

  it('a responsible unit not in project.yaml, with a suggestion', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('unit: 区水务局\n    contact: { name: 张工', 'unit: 区水利局\n    contact: { name: 张工'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, '区水利局')}: 错误: 点位 S01（泗河兖州段河长制公示点（示例））的责任单位“区水利局”不在 project.yaml 的责任单位名单中，是否应为“区水务局”？【点位的责任单位不在名单中】`]);
  });

  it('a value of the wrong type is named in Chinese', async () => {
    const { dir, abs, text } = broken('sites.yaml', (t) => t.replace('lat: 35.528', 'lat: 三十五'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, '三十五')}: 错误: “纬度”（sites[1].lat）应为数字，实际为“三十五”（对照文件中的注释和示例修改，各文件的完整写法见使用说明 docs/reference.md）【数据不符合格式要求】`]);
  });

  it('no start point in project.yaml', async () => {
    const { dir, abs, text } = broken('project.yaml', (t) => t.replace(/\n  startPoint: .*\n/, '\n'));
    expect(await errorsOf(dir)).toEqual([`${abs}:${placeOf(text, 'name: 济宁市兖州区')}: 错误: project.yaml 缺少出发点 district.startPoint（每个半天的路线从这里出发、回到这里），无法规划路线（例如 startPoint: { name: 区政府, lon: 116.78, lat: 35.55 }）【未写路线出发点】`]);
  });

  it('no bounds in project.yaml: a warning, and the plan is still made', async () => {
    const { dir, abs, text } = broken('project.yaml', (t) => t.replace(/\n  bounds: .*\n/, '\n'));
    const result = await run('site-visit', dir, '--out', path.join(dir, 'out'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${abs}:${placeOf(text, 'name: 济宁市兖州区')}: 警告: project.yaml 没有给出辖区范围 district.bounds，无法检查点位坐标是否在辖区内`);
  });

  it('a missing sites.yaml', async () => {
    const dir = sampleCopy();
    const abs = path.join(dir, 'sites.yaml');
    const { rmSync } = await import('node:fs');
    rmSync(abs);
    const [missing] = await errorsOf(dir);
    expect(missing).toMatch(new RegExp(`^${abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 错误: 找不到文件 .*（在项目文件夹中新建 sites\\.yaml.*- \\{ id: S01, .*minutes: 30 \\}.*）【缺少文件】$`));
  });
});

describe('site-visit arguments', () => {
  it('refuses a bad --days or --start with exit code 2', async () => {
    expect((await run('site-visit', '--days', '0')).code).toBe(2);
    expect((await run('site-visit', '--start', '25:00')).code).toBe(2);
    expect((await run('site-visit', '--start', '13:00')).stderr).toContain('--start 应为上午的时刻 HH:MM（如 08:30），实际为“13:00”');
  });
});
