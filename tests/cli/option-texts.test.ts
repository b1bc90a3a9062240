import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';

const COMMANDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/commands');

describe('the help of every command', () => {
  it('explains every option it lists', async () => {
    for (const file of readdirSync(COMMANDS)) {
      const name = file.replace(/\.ts$/, '');
      const source = readFileSync(path.join(COMMANDS, file), 'utf8');
      if (!source.includes('parseCommandArgs(')) continue;
      const help = await run(name, '--help');
      expect(help.code, name).toBe(0);
      const unexplained = help.stdout.split('\n').filter((l) => /^ {2}(-\w, )?--[a-z-]+( \S+)?\s*$/.test(l));
      expect(unexplained, name).toEqual([]);
    }
  });
});
