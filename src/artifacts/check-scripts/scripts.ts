import { CHECKSUM_FILE } from '../../model/index.ts';

/**
 * The Windows check carried in every bundle: a PowerShell script (Windows PowerShell 5.1, in every Windows
 * since 10; nothing to install) that hashes every file listed in manifest-sha256.txt with SHA-256 and prints
 * 完整 or each file that is missing, altered or not listed, and a .bat that runs it on a double click.
 * The .bat is plain ASCII (it finds the script by its own name, %~dpn0.ps1), switches the console to
 * UTF-8 (chcp 65001) for the Chinese names; the script is written UTF-8 with a BOM, which Windows
 * PowerShell 5.1 needs to read non-ASCII text, and both have CRLF line ends.
 */
export const CHECK_SCRIPT_NAMES = { ps1: '完整性校验.ps1', bat: '完整性校验.bat' } as const;

/** Files a Windows Explorer or macOS adds to a folder by itself: never reported as extra. */
export const SYSTEM_FILES = ['Thumbs.db', 'desktop.ini', '.DS_Store'] as const;

export const CHECK_PS1 = `# 完整性校验：检查本材料包的每个文件是否与 ${CHECKSUM_FILE} 中的 SHA-256 校验值一致。
# 使用 Windows 自带的 PowerShell（5.1 及以上），无需安装任何软件。双击同一文件夹中的 ${CHECK_SCRIPT_NAMES.bat} 即可运行。
# 结果：全部一致时显示“完整”；否则逐个列出缺少、已改动或清单之外的文件。退出码 0 完整，1 不完整，2 无法校验。
$ErrorActionPreference = 'Stop'
try { [Console]::OutputEncoding = [System.Text.Encoding]::UTF8 } catch { }
$root = $PSScriptRoot
$list = Join-Path $root '${CHECKSUM_FILE}'
if (-not (Test-Path -LiteralPath $list -PathType Leaf)) {
  Write-Host '无法校验：本文件夹中没有 ${CHECKSUM_FILE}。'
  exit 2
}
$lines = [System.IO.File]::ReadAllLines($list, [System.Text.Encoding]::UTF8)
$problems = New-Object System.Collections.Generic.List[string]
$listed = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
[void]$listed.Add('${CHECKSUM_FILE}')
$count = 0
foreach ($line in $lines) {
  if ($line.Trim() -eq '') { continue }
  if (-not ($line -match '^([0-9a-fA-F]{64}) [ *](.+)$')) {
    $problems.Add("无法识别的校验行：$line")
    continue
  }
  $expected = $Matches[1].ToLowerInvariant()
  $name = $Matches[2].Normalize([System.Text.NormalizationForm]::FormC)
  [void]$listed.Add($name)
  $count++
  $path = Join-Path $root ($name -replace '/', '\\')
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
    $problems.Add("缺少：$name")
    continue
  }
  $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash.ToLowerInvariant()
  if ($actual -ne $expected) { $problems.Add("已改动（校验值不符）：$name") }
}
$skip = @(${SYSTEM_FILES.map((f) => `'${f}'`).join(', ')}, '${CHECK_SCRIPT_NAMES.ps1}', '${CHECK_SCRIPT_NAMES.bat}')
foreach ($file in Get-ChildItem -LiteralPath $root -Recurse -Force -File) {
  $name = $file.FullName.Substring($root.Length).TrimStart('\\').Replace('\\', '/').Normalize([System.Text.NormalizationForm]::FormC)
  if ($skip -contains $file.Name -and -not $listed.Contains($name)) { continue }
  if (-not $listed.Contains($name)) { $problems.Add("清单之外的文件：$name") }
}
if ($problems.Count -eq 0) {
  Write-Host "完整：$count 个文件与 ${CHECKSUM_FILE} 一致。"
  exit 0
}
Write-Host "不完整：$($problems.Count) 处与 ${CHECKSUM_FILE} 不符："
foreach ($p in $problems) { Write-Host "  $p" }
Write-Host '请从原始材料包重新复制或解压。'
exit 1
`;

export const CHECK_BAT = `@echo off
rem Integrity check of this bundle: runs the PowerShell script of the same name (.ps1) beside this file.
chcp 65001 >nul
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dpn0.ps1"
set RESULT=%ERRORLEVEL%
echo.
pause
exit /b %RESULT%
`;

/** The two files' bytes as they go into the bundle: CRLF, and the script with a UTF-8 BOM. */
export function checkScriptBytes(which: keyof typeof CHECK_SCRIPT_NAMES): Buffer {
  const text = (which === 'ps1' ? CHECK_PS1 : CHECK_BAT).replace(/\r?\n/g, '\r\n');
  const body = Buffer.from(text, 'utf8');
  return which === 'ps1' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

