// Issue #20 item 8: the README's Chinese walkthrough runs as written on samples/ — each
// `npx skillsub …` line of it, in order, against a fresh database, in Chinese, exits 0 and
// leaves the files it names.

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

describe('the README\'s Chinese walkthrough', () => {
  it('runs as written on the samples, every command exiting 0, in Chinese', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 一个季度的工作'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1];
    const env = Object.fromEntries([...block.matchAll(/^export (\w+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
    expect(env).toEqual({ SKILLSUB_DB: 'bureau.db', LANG: 'zh_CN.UTF-8' });
    const commands = block.split('\n').filter((l) => l.startsWith('npx skillsub ')).map((l) => words(l).slice(2));
    expect(commands.length).toBeGreaterThan(12);
    const dir = tempDir();
    symlinkSync(join(ROOT, 'samples'), join(dir, 'samples'));
    for (const args of commands) {
      const r = await runCli(args, { cwd: dir, env });
      expect(r.code, `npx skillsub ${args.join(' ')}\n${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).not.toMatch(/^(error|错误)[:：]/m);
      if (args[0] === 'import') expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
      const out = args.indexOf('--out') >= 0 ? args[args.indexOf('--out') + 1] : args.indexOf('--errors-out') >= 0 ? args[args.indexOf('--errors-out') + 1] : null;
      if (out) expect(existsSync(join(dir, out)), out).toBe(true);
    }
    const log = (await runCli(['log', '--format', 'csv'], { cwd: dir, env })).stdout;
    expect(log).toContain('导入花名册(import roster)');
    expect(log).toContain('拨付(disburse)');
  }, 300_000);
});
