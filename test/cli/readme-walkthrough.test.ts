// Issue #20 item 8: the README's walkthroughs run as written on samples/ — each `skillsub …`
// line of the English one and `npx skillsub …` line of the Chinese one, in order, against a
// fresh database, exits 0 and leaves the files it names.

import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A shell line's words: quotes group and are removed, `#` starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[3] !== undefined) break;
    out.push(m[1] ?? m[2] ?? m[4]);
  }
  return out;
}

/** The commands of the README's `sh` block under `heading`, and the variables it exports. */
function walkthrough(heading: string, prefix: string): { env: Record<string, string>; commands: string[][] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))![1];
  const env = Object.fromEntries([...block.matchAll(/^export (\w+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
  return { env, commands: block.split('\n').filter((l) => l.startsWith(prefix)).map((l) => words(l).slice(prefix.split(' ').length - 1)) };
}

/** Runs the commands in order in a fresh folder beside the samples: each exits 0 and leaves the file it names. */
async function runAll(commands: string[][], env: Record<string, string>): Promise<string> {
  const dir = tempDir();
  symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'));
  for (const args of commands) {
    const r = await runCli(args, { cwd: dir, env });
    expect(r.code, `skillsub ${args.join(' ')}\n${r.stderr}`).toBe(0);
    expect(r.stderr, args.join(' ')).not.toMatch(/^(error|错误)[:：]/m);
    for (const option of ['--out', '--errors-out']) {
      if (args.includes(option)) expect(existsSync(join(dir, args[args.indexOf(option) + 1])), args.join(' ')).toBe(true);
    }
  }
  return dir;
}

describe('the README\'s walkthroughs', () => {
  it('runs the Chinese one as written on the samples, every command exiting 0, in Chinese', async () => {
    const { env, commands } = walkthrough('## 一个季度的工作', 'npx skillsub ');
    expect(env).toEqual({ SKILLSUB_DB: 'bureau.db', LANG: 'zh_CN.UTF-8' });
    expect(commands.length).toBeGreaterThan(12);
    const dir = await runAll(commands, env);
    const log = (await runCli(['log', '--format', 'csv'], { cwd: dir, env })).stdout;
    expect(log).toContain('导入花名册(import roster)');
    expect(log).toContain('拨付(disburse)');
  }, 300_000);

  it('runs the English one as written on the samples', async () => {
    const { env, commands } = walkthrough("## A quarter's work, step by step", 'skillsub ');
    expect(env).toEqual({ SKILLSUB_DB: 'bureau.db' });
    expect(commands.length).toBeGreaterThan(20);
    const dir = await runAll(commands, { ...env, LANG: 'en_US.UTF-8' });
    const person = await runCli(['explain', commands.find((c) => c[0] === 'explain')![1], '--format', 'json'], { cwd: dir, env });
    expect(JSON.parse(person.stdout).steps.find((s: { step: number }) => s.step === 14).facts.flags.map((f: { rule: string }) => f.rule)).toContain('F_OVERLAP');
  }, 300_000);
});
