#!/usr/bin/env node
// The command line, compiled ahead of time into dist/ (`npm install` in the repository runs the build).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
