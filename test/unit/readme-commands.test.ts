import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { CommanderError } from 'commander';
import { applyToAll, vipProgram } from '../../bin/program.ts';
import { commandsOfLine, readmeCommands, vipArguments } from '../readme/readme-commands.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const commands = readmeCommands(readme);

/** Parses a command line with the real command tree, every action replaced: what it reached, or what commander said. */
async function parse(args: readonly string[]): Promise<{ reached?: string; error?: string }> {
  const program = vipProgram();
  let reached: string | undefined;
  let said = '';
  applyToAll(program, (c) => {
    c.configureOutput({ writeOut: () => {}, writeErr: (s) => (said += s) });
    if (c.commands.length === 0 && c !== program) c.action(() => void (reached = c.name()));
  });
  try {
    await program.parseAsync(['node', 'vip', ...args]);
    return reached ? { reached } : { error: 'no command was reached' };
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return { reached: 'help' };
    return { error: said || String(error) };
  }
}

describe("the README's examples", () => {
  it('are found: the blocks, and the vip commands in them', () => {
    expect(commands.length).toBeGreaterThan(25);
    expect(commands.filter((c) => vipArguments(c)).length).toBeGreaterThan(20);
  });

  for (const command of commands.filter((c) => vipArguments(c)))
    it(`line ${command.line}: ${command.text} parses (commander knows its command, options and values)`, async () => {
      expect(await parse(vipArguments(command)!)).not.toHaveProperty('error');
    });

  it('a command the tree does not know, or a bad value, is caught by the same check', async () => {
    expect((await parse(['report', 'statuse'])).error).toMatch(/unknown command/);
    expect((await parse(['run', 'status-review', '--at', 'tomorrow'])).error).toMatch(/--at/);
    expect((await parse(['schedules', '--nxt', '3'])).error).toMatch(/unknown option '--nxt'/);
  });

  it('imports only files an earlier example wrote with `vip demo-data`, in the same block', () => {
    const written = new Map<number, string[]>();
    for (const command of commands) {
      const args = vipArguments(command);
      if (!args) continue;
      if (args[0] === 'demo-data') written.set(command.block, [...(written.get(command.block) ?? []), normalize(args.find((a, i) => i > 0 && !a.startsWith('-'))!)]);
      if (args[0] === 'import') {
        const path = normalize(args[2]!);
        expect({ line: command.line, path, written: (written.get(command.block) ?? []).some((dir) => path === dir || path.startsWith(`${dir}/`)) }).toEqual({ line: command.line, path, written: true });
      }
    }
  });

  it('splits shell lines as a shell would', () => {
    expect(commandsOfLine(`npx vip standards set nps 45 --reason "two quarters above 40" --by a@b.c   # why`)).toEqual([['npx', 'vip', 'standards', 'set', 'nps', '45', '--reason', 'two quarters above 40', '--by', 'a@b.c']]);
    expect(commandsOfLine(`npx vip standards list; npx vip standards history`)).toEqual([['npx', 'vip', 'standards', 'list'], ['npx', 'vip', 'standards', 'history']]);
    expect(commandsOfLine(`echo 'a # b' # c`)).toEqual([['echo', 'a # b']]);
  });
});
