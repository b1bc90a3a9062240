/**
 * The closed list of issue codes: every problem any stage reports has one of these codes, and what a
 * code means to a person (its title, and the usual remedy) is worded here, apart from the code that
 * raises it. The raising code adds only what is particular to the case (which indicator, which cell).
 * A new kind of problem is a new line here; the compiler refuses a code that is not listed.
 */
export interface Diagnostic {
  /** what kind of problem it is, as the office would name it */
  readonly title: string;
  /** the usual remedy, shown when the raising code gives none */
  readonly hint?: string;
}

const ZOD_CODES = [
  'invalid_type', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'unrecognized_keys',
  'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom',
] as const;

const SCHEMA: Record<`schema-${(typeof ZOD_CODES)[number]}`, Diagnostic> = Object.fromEntries(
  ZOD_CODES.map((c) => [`schema-${c}`, { title: '数据不符合格式要求', hint: '对照文件中的注释和示例修改，各文件的完整写法见使用说明 docs/reference.md' }]),
) as Record<`schema-${(typeof ZOD_CODES)[number]}`, Diagnostic>;

export const DIAGNOSTICS = {
  ...SCHEMA,
  // reading files
  'project-missing': { title: '不是项目文件夹', hint: '项目文件夹中应有 project.yaml、indicators.yaml、results.yaml 和 evidence.yaml' },
  'file-missing': { title: '缺少文件' },
  'file-unreadable': { title: '文件无法读取' },
  'file-encoding': { title: '文件不是 UTF-8 编码', hint: '另存为 UTF-8 编码后重试' },
  'yaml-resource-limit': { title: 'YAML 文件超出安全限制' },
  'sample-text-left': { title: '正式项目中仍有示例内容', hint: '换成本地的真实内容，或删去该项' },
  'placeholder-unfilled': { title: '占位内容尚未填写', hint: '在上面指出的文件和位置，把“待填写”换成本地的实际内容' },
  'units-unassigned': { title: '指标尚未分配责任单位', hint: '在 indicators.yaml 的 units 中写上责任单位（第一个为牵头单位），并在 project.yaml 的 units 中登记' },
  'catalog-unknown': { title: '指标目录不存在', hint: '用 eco-dossier catalogs 查看可用的目录编号' },
  'not-eligible': { title: '尚不满足申报条件' },
  'document-date-after-deadline': { title: '成文日期晚于报送截止日期', hint: '把 generatedAt（成文日期）改为报送前的实际日期；截止日期确已调整的，同时修改 deadlines 中的 submission' },
  'evidence-title-filename': { title: '材料标题像是文件名', hint: '写成材料的实际名称，如“××村污水处理站现场照片”' },
  'evidence-date-unchecked': { title: '材料日期尚未核对', hint: '按材料上的落款日期核对 date，把 dateSource 改为“已核对”' },
  'evidence-after-document': { title: '材料日期晚于本版文件的日期', hint: '核对材料日期；材料确实在后的，应由答复该轮审查的新版本报送' },
  'official-text-not-for-reader': { title: '正式文件中有不该给审查者看的文字', hint: '改写该处：占位内容、给经办人的提示、字段名、本机路径、英文编号、不可见字符和重复标点都不能进入正式文件' },
  'request-draft': { title: '申报文件为草稿', hint: '未达到申报条件的指标达标后重新生成，申报文件即为正式请示' },
  'request-reissue-needs-number': { title: '请示内容变了，须重新行文', hint: '在该轮答复文件中写 request: { docNo: 新发文字号, date: 新成文日期 }' },
  'evidence-no-indicator': { title: '佐证材料未对应指标', hint: '把文件放进“序号-指标名称”文件夹，或在 evidence.yaml 中填写 indicators' },
  'evidence-scan-guessed': { title: '新材料的信息是推测的', hint: '核对 evidence.yaml 中新增条目的标题、日期、出具单位和类型' },
  'init-dir-not-empty': { title: '目标文件夹不是空的', hint: '换一个新文件夹名，或先清空该文件夹' },
  'file-empty': { title: '文件是空的', hint: '如确实还没有内容，请写出空列表（如 results: []）' },
  'text-too-long': { title: '文字过长', hint: '一段文字请控制在 2 万字以内；长篇材料请作为佐证材料（PDF）提供' },
  'yaml-syntax': { title: 'YAML 语法错误', hint: '用文本编辑器打开该位置修改；含冒号、井号等特殊字符的值请加引号' },
  // indicators, results, units
  'indicator-duplicate': { title: '指标序号重复' },
  'sub-indicator-duplicate': { title: '分项序号重复' },
  'target-unreadable': { title: '指标值无法识别' },
  'unit-unknown': { title: '责任单位不在名单中', hint: '在 project.yaml 的 units 中添加该单位，或把它写为已有单位的别名' },
  'result-duplicate': { title: '现状值重复填报' },
  'result-unknown-indicator': { title: '现状值对应的指标不存在' },
  'result-unknown-sub': { title: '现状值对应的分项不存在' },
  'result-without-sub': { title: '按分项判定的指标，结果没有写分项' },
  'leading-group-no-members': { title: '领导小组成员名单为空' },
  'result-share-out-of-range': { title: '百分比超出 0–100' },
  'result-value-kind': { title: '数值像是另一种口径（变化量/水平值）', hint: '按填报表列名填写：每年填当年的水平值，变化由工具计算' },
  'superior-target-unclear': { title: '上级目标的口径不明', hint: '变化目标写成“较2022年累计降低2.5%”，或填写 measure、direction、baseYear 和 value' },
  'binding-not-applicable': { title: '约束性指标标为不涉及', hint: '确认本区确实不涉及，并在申报报告中写明理由' },
  'terrain-unknown': { title: '地形类别无法识别' },
  'terrain-line-missing': { title: '没有本区地形的一行' },
  'result-share-as-ratio': { title: '百分数像是写成了比例', hint: '单位是 % 的数值和指标值写百分数本身：97.5% 写 97.5，≥85% 写 ≥85' },
  'result-not-applicable-reported': { title: '标为不涉及的指标填报了数值' },
  'terrain-unset': { title: '未写本区地形类别', hint: '在 project.yaml 的 district 下写 terrain（山区、丘陵地区、平原地区、干旱半干旱地区、青藏高原地区之一）' },
  // evidence
  'evidence-duplicate-id': { title: '佐证材料编号重复' },
  'evidence-unknown-indicator': { title: '佐证材料对应的指标不存在' },
  'evidence-unknown-sub': { title: '佐证材料对应的分项不存在' },
  'evidence-missing': { title: '佐证材料文件不存在' },
  'evidence-not-file': { title: '佐证材料不是文件' },
  'evidence-outside': { title: '佐证材料不在 evidence 文件夹中', hint: '把文件放进项目的 evidence 文件夹，并写相对于它的路径' },
  'evidence-empty': { title: '佐证材料是空文件' },
  'evidence-too-large': { title: '佐证材料文件过大', hint: '拆分为几份 2 GB 以内的 PDF 后分别登记' },
  'evidence-unreadable': { title: '佐证材料无法读取' },
  'evidence-unsupported': { title: '佐证材料类型不支持', hint: '请转换为 PDF、JPEG 或 PNG' },
  'evidence-unlisted': { title: '文件未列入 evidence.yaml' },
  'evidence-encrypted': { title: '佐证材料已加密' },
  'evidence-decrypted': { title: '佐证材料已解除权限限制' },
  'evidence-pdf-corrupt': { title: 'PDF 已损坏' },
  'evidence-image-corrupt': { title: '图片已损坏' },
  'evidence-image-too-large': { title: '图片像素过多', hint: '在看图软件中缩小到 1 亿像素以内（如 8000×6000）后另存替换' },
  'evidence-pdf-repaired': { title: 'PDF 结构有损坏，已修复后编入', hint: '请在汇编中核对该材料的页面；最好向出具单位要一份完好的 PDF' },
  'evidence-active-content': { title: 'PDF 中的脚本、动作或附件已去除' },
  'no-qpdf': { title: '缺少 qpdf' },
  // templates and documents
  'template-error': { title: '模板错误' },
  'narrative-missing': { title: '申报报告缺少文字部分', hint: '在项目的 narrative 文件夹中写好该部分（每部分一个 .txt 文件）' },
  // the annex
  'annex-indicator-oversize': { title: '单个指标的材料超过每册上限' },
  'annex-volume-oversize': { title: '分册超过上限' },
  'annex-volume-over-limit': { title: '分册实际大小超过上限' },
  // the bundle
  'bundle-submitted': { title: '该版本已报送，不再覆盖', hint: '修改后的材料请用 eco-dossier revise 生成新一版' },
  'submit-not-in-place': { title: '不是 out/ 中原名的材料包', hint: '对材料包原来的文件夹或 zip 运行 submit' },
  'changed-during-build': { title: '文件在生成过程中被改动', hint: '等文件不再变化后重新运行' },
  'fingerprints-not-saved': { title: '无法记录文件指纹' },
  'out-busy': { title: '输出文件夹正被另一次运行使用', hint: '等另一次运行结束后再运行' },
  'out-not-writable': { title: '输出文件夹不可写' },
  'disk-full': { title: '磁盘空间不足' },
  'save-completed': { title: '上次被中断的保存已完成' },
  // verify
  'bundle-unreadable': { title: '材料包无法读取' },
  'bundle-file-missing': { title: '材料包缺少文件' },
  'bundle-file-extra': { title: '材料包中有清单以外的文件' },
  'bundle-file-altered': { title: '材料包中的文件被改动' },
  'bundle-manifest-invalid': { title: '材料包清单无效' },
  'bundle-entry-duplicate': { title: 'zip 中有同名的文件' },
  'bundle-names-gb18030': { title: 'zip 的文件名按中文编码读取' },
  'bundle-file-irregular': { title: '材料包中有链接或特殊文件' },
  // revisions
  'previous-damaged': { title: '上一版材料包不完整或被改动' },
  'previous-changes-only': { title: '上一版是变更部分包' },
  'feedback-duplicate-id': { title: '审查意见编号重复' },
  'feedback-evidence-id-taken': { title: '补充材料编号已被占用' },
  'feedback-evidence-in-project': { title: '补充材料已在项目中' },
  'feedback-evidence-no-indicator': { title: '补充材料未对应指标' },
  'feedback-open': { title: '审查意见尚未答复' },
  'feedback-round-missing': { title: '缺少已答复轮次的意见文件' },
  'feedback-round-before-revision': { title: '审查意见的日期早于所审查的版本' },
  'feedback-round-unused': { title: '有未答复的审查意见文件' },
  'feedback-correction-not-in-results': { title: '审查答复更正的数值尚未写回 results.yaml', hint: '把更正后的数值写进 results.yaml，或用 collect 和 import 读回，validate 与最新一版材料包就一致' },
  'feedback-unknown-evidence': { title: '审查意见引用的材料不存在' },
  'feedback-unknown-indicator': { title: '审查意见引用的指标不存在' },
  'feedback-unknown-sub': { title: '审查意见引用的分项不存在' },
  'feedback-value-without-indicator': { title: '更正数值未对应指标' },
  'feedback-no-change': { title: '答复未写明修改内容', hint: '写明修改（evidence、values 或 report），或用 noChange 说明不需修改的理由' },
  'feedback-change-conflict': { title: '答复既有修改又写了无需修改' },
  'feedback-value-without-evidence': { title: '更正了数值，但没有新的佐证材料', hint: '在该条答复的 evidence 下补充支持更正后数值的材料' },
  'feedback-change-empty': { title: '答复所写的修改不改变任何内容' },
  'feedback-unknown-part': { title: '报告中没有该文字部分' },
  'feedback-report-in-project': { title: '报告文字的修改已写入项目' },
  'response-claim-unbacked': { title: '答复所述修改在新版材料中找不到' },
  'contact-missing': { title: '缺少联系人或电话', hint: '在 project.yaml 的 contact 中填写 person（联系人）和 phone（电话）' },
  'revise-no-change': { title: '新版本与上一版没有区别', hint: '先写好审查意见的答复或修改项目数据；确需生成请加 --force' },
  'revise-without-round': { title: '本版不答复审查意见', hint: '答复审查意见的，请写 feedback/round-<上一版版本号>.yaml 后重新运行' },
  'previous-folder-altered': { title: '上一版文件夹已被改动，改用 zip' },
  // fill-in workbooks
  'import-conflict': { title: '填报值与已有数据不一致', hint: '确认无误后加 --overwrite' },
  'workbook-unreadable': { title: '填报表无法读取' },
  'workbook-missing': { title: '填报表不存在' },
  'workbook-not-ours': { title: '不是本工具生成的填报表' },
  'workbook-other-project': { title: '其他项目的填报表' },
  'workbook-version': { title: '填报表版本不符', hint: '请用 eco-dossier collect 重新生成填报表' },
  'workbook-sheet-missing': { title: '填报表缺少工作表' },
  'workbook-columns-changed': { title: '填报表的列被改动' },
  'workbook-row-unknown': { title: '填报表中有不认识的行' },
  'workbook-row-duplicate': { title: '填报表中有重复的行' },
  'workbook-unknown-unit': { title: '填报表的单位不在名单中' },
  'workbook-cell-not-applicable': { title: '该单元格不需填写' },
  'workbook-share-out-of-range': { title: '百分比超出 0–100' },
  'workbook-superior-incomplete': { title: '上级目标未填完整' },
  'workbook-not-a-number': { title: '应填数字' },
  'workbook-bad-status': { title: '完成状态不在选项中', hint: '从下拉列表中选择' },
  'workbook-bad-comparison': { title: '上级目标符号不在选项中', hint: '从下拉列表中选择' },
  'workbook-bad-cell': { title: '单元格内容不符合要求' },
  'workbook-formula-no-value': { title: '公式单元格没有计算结果', hint: '在 Excel 或 WPS 中打开填报表，按 F9 重新计算后保存，或把公式改为数值' },
  // 现场核查 (sites.yaml)
  'site-duplicate': { title: '点位编号重复' },
  'site-unknown-indicator': { title: '点位对应的指标不存在' },
  'site-unknown-evidence': { title: '点位引用的佐证材料不存在' },
  'site-unit-unknown': { title: '点位的责任单位不在名单中' },
  'site-minutes-missing': { title: '点位未写停留时间', hint: '在 sites.yaml 中写上 minutes（在该点位停留的分钟数）' },
  'site-outside-district': { title: '点位坐标不在辖区范围内', hint: '核对经纬度（WGS-84，经度在前）' },
  'site-bounds-missing': { title: '未写辖区的经纬度范围', hint: '在 project.yaml 的 district.bounds 中写上 west、east、south、north' },
  'site-start-missing': { title: '未写路线出发点', hint: '在 project.yaml 的 district.startPoint 中写上出发点名称和经纬度' },
  'site-indicator-not-fitting': { title: '约束性指标的点位排不进路线' },
  'site-left-out': { title: '点位未排进路线' },
  'site-bundle-unreadable': { title: '读不出要介绍的申报材料包', hint: '--from 写材料包的文件夹或 zip（其中有 manifest.json），或不写 --from，用 --out 目录中最新的一版' },
  'site-bundle-other-project': { title: '申报材料包不是本项目的', hint: '--from 写本项目生成的材料包' },
  'site-visit-before-presented': { title: '核查日期早于所介绍的申报材料', hint: '核对 sites.yaml 的 visit.date；或用 --from 指定核查前生成的那一版申报材料包' },
  'site-visit-not-eligible': { title: '所介绍的申报材料尚未达到申报条件', hint: '现场核查在申报之后；先补齐尚未达到的指标并生成新一版（revise），或用 --from 指定已达到申报条件、已报送的那一版' },
  'site-bundle-differs': { title: '项目数据在该版材料包生成后有改动', hint: '现场核查材料按该版所答复的审查意见和当前项目数据生成；如改动应报送，请先运行 revise 生成新一版' },
  'site-indicator-no-site': { title: '约束性指标没有现场点位' },
  // the tool itself
  'tool-failed': { title: '程序运行失败' },
  internal: { title: '程序内部错误' },
} as const satisfies Record<string, Diagnostic>;

export type IssueCode = keyof typeof DIAGNOSTICS;

export function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(DIAGNOSTICS, code);
}

/** The wording of a code: its title and usual remedy. */
export function diagnosticOf(code: IssueCode): Diagnostic {
  return DIAGNOSTICS[code];
}
