import { titlesOf } from '../../common/index.ts';
import { GENERATOR } from '../../common/index.ts';
import { ARTIFACT_NAMES, EVIDENCE_FOLDER, RECTIFICATION_FILE, type PlannedArtifact } from '../artifact.ts';
import { CHECK_SCRIPT_NAMES } from '../check-scripts/scripts.ts';
import type { RenderInput } from '../render-input.ts';

/** 说明.txt: what is where in the bundle and how to check it (CRLF line ends, so Notepad shows the lines). */
export function readmeText(render: RenderInput, artifacts: readonly PlannedArtifact[]): string {
  const { project } = render.data;
  const titles = titlesOf(project);
  const annexFiles = artifacts.filter((a) => a.role === 'annex').map((a) => `  ${a.path}`);
  const lines = [
    `${titles.report.replace(/工作报告$/, '')}申报材料（第${render.revision}版）`,
    ...(project.sample ? ['', '注意：本材料包由示例数据生成，仅用于演示和测试，不是官方数据。'] : []),
    '',
    '本文件夹包含：',
    ...(project.application ? [`  ${ARTIFACT_NAMES.request}        申报文件：${project.district.government}的请示（Word，公文格式，含版头和版记）`] : []),
    `  ${ARTIFACT_NAMES.report}        申报报告（Word）`,
    `  ${ARTIFACT_NAMES.taskTable}    指标任务分解表（Excel，含现状值和达标情况）`,
    '  佐证材料汇编（PDF，含封面、目录、书签和页码）：',
    ...annexFiles,
    `  ${EVIDENCE_FOLDER}/                按指标（“两位序号-指标名称”，按序号排列）存放的佐证材料原件；同时服务多个指标的材料放在第一个指标的文件夹中；指标任务分解表.xlsx 的“材料清单”表列出每份材料在材料包中的位置和在汇编中的页码`,
    '  manifest.json         清单：每个文件的用途、对应指标、字节数和 SHA-256 校验值',
    '  manifest-sha256.txt   校验文件，可用标准工具检查',
    `  ${CHECK_SCRIPT_NAMES.bat}、${CHECK_SCRIPT_NAMES.ps1}   Windows 完整性校验（双击 .bat 运行，无需安装软件）`,
    '',
    ...(render.revision > 1
      ? [
          `本版是在第${render.revision - 1}版基础上的修订：`,
          '  changes.json          每个文件相对上一版的变化：new 新增、replace 替换、delete 删除、unchanged 未变',
          // the response documents this revision holds, as they are named in it (整改情况说明 after a 现场核查 round)
          ...artifacts.filter((a) => a.role === 'response').map((a) => `  ${a.path}      ${a.path === RECTIFICATION_FILE ? '对现场核查意见的逐条整改情况' : '对审查意见的逐条答复'}`),
          '  未变的文件与上一版逐字节相同，路径不变。修订的“变更部分包”（zip）只含新增和替换的文件、',
          '  manifest.json（仍列出全部文件）和只列包内文件的 manifest-sha256.txt；与上一版材料包合起来即完整的本版。',
          '',
        ]
      : []),
    '如何检查材料是否完整、未被改动：',
    '  Linux / macOS：在本文件夹中运行  sha256sum -c manifest-sha256.txt',
    `  Windows：双击本文件夹中的 ${CHECK_SCRIPT_NAMES.bat}，显示“完整”即全部一致，否则列出缺少、改动或多出的文件`,
    '  或使用 eco-dossier verify <本文件夹或 zip 文件>',
    '',
    `生成工具：${GENERATOR.name} ${GENERATOR.version}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
