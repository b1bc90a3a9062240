#!/usr/bin/env node
// The command line, compiled ahead of time into dist/ (`npm install` in the repository runs the build).
// Node 22.13 or later (node:sqlite without a flag); in the repository, npm's scripts and npx bring their own.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`eco-dossier 需要 Node.js 22.13 或更高版本（当前 ${process.version}）。在源代码目录中请用 npm start 或 npx eco-dossier 运行（它们使用 npm install 装好的 Node）。\n`);
  process.exit(2);
}
const { runCommand } = await import('../dist/cli/launch.js');

process.exitCode = await runCommand(process.argv.slice(2));
