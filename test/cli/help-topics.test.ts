// Issue #20 item 8: `skillsub help columns` and `skillsub help codes`, printed from the product's own tables.

import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COLUMNS, VERDICT_COLUMNS, INPUT_KINDS } from '../../src/ingest/columns.js';
import { CODE_LABELS } from '../../src/cli/labels.js';

describe('skillsub help columns | codes', () => {
  it('lists every input column of every import, with each of its Chinese aliases, and marks the required ones', async () => {
    const r = await runCli(['help', 'columns']);
    expect(r.code).toBe(0);
    for (const kind of INPUT_KINDS) {
      expect(r.stdout).toContain(`skillsub import ${kind}`);
      for (const c of COLUMNS[kind]) {
        expect(r.stdout).toMatch(new RegExp(`\\n  ${c.name}${c.required ? ' \\*' : ' '}\\s+${c.aliases.map((a) => a.replace(/[()*]/g, '\\$&')).join(', ')}`));
      }
    }
    for (const c of VERDICT_COLUMNS) expect(r.stdout).toContain(c.name);
    const zh = await runCli(['--lang', 'zh', 'help', 'columns']);
    expect(zh.stdout).toContain('表头按英文列名或中文别名识别');
    expect(zh.stdout).toContain('班级编号、培训班编号、班级号');
  });

  it('lists every code with its words, grouped by what it is', async () => {
    const r = await runCli(['--lang', 'zh', 'help', 'codes']);
    expect(r.code).toBe(0);
    for (const [code, words] of Object.entries(CODE_LABELS)) expect(r.stdout).toMatch(new RegExp(`\\n  ${code}\\s+${words}\\n`));
    expect(r.stdout).toContain('疑点规则（flags）');
    expect((await runCli(['help', 'codes'])).stdout).toContain('row errors (import)');
  });

  it('still shows a command\'s help, and names the topics for an unknown one (exit 2)', async () => {
    const r = await runCli(['help', 'flags', 'resolve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: skillsub flags resolve');
    const bad = await runCli(['help', 'nothing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no help on "nothing". Ask for "skillsub help columns", "skillsub help codes"');
  });
});
