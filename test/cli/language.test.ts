// SPEC §1 --lang: the default from LC_ALL/LANG, else the system locale (Chinese Windows has no
// LANG); help and commander's own errors in Chinese under zh; Chinese messages without English
// fragments inside; a usage message never names an empty command.

import { describe, it, expect } from 'vitest';
import { detectLang, langFromArgv, message, messageKeys, rowErrorLine } from '../../src/cli/messages.js';
import { csv, runCli, workspace } from '../helpers/cli.js';
import { rosterRow, ROSTER_HEADER_EN } from '../helpers/rows.js';

describe('the default language', () => {
  it('takes zh from LC_ALL or LANG, LC_ALL first', () => {
    expect(detectLang({ LANG: 'zh_CN.UTF-8' }, () => 'en-US')).toBe('zh');
    expect(detectLang({ LC_ALL: 'zh_CN.GB18030', LANG: 'en_US.UTF-8' }, () => 'en-US')).toBe('zh');
    expect(detectLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, () => 'zh-CN')).toBe('en');
  });

  it('falls back to the system locale where no LANG is set (Chinese Windows), or LANG is C or POSIX', () => {
    expect(detectLang({}, () => 'zh-CN')).toBe('zh');
    expect(detectLang({ LANG: 'C.UTF-8' }, () => 'zh-Hans-CN')).toBe('zh');
    expect(detectLang({ LANG: 'POSIX' }, () => 'zh-CN')).toBe('zh');
    expect(detectLang({}, () => 'en-US')).toBe('en');
    expect(detectLang({}, () => '')).toBe('en');
  });

  it('reads --lang zh and --lang=zh from the command line before parsing', () => {
    expect(langFromArgv(['--lang', 'zh', 'approvals'])).toBe('zh');
    expect(langFromArgv(['--lang=zh', '--help'])).toBe('zh');
    expect(langFromArgv(['approvals'])).toBeUndefined();
  });
});

describe('help and commander\'s messages in Chinese', () => {
  it('prints the top-level help in Chinese under LANG=zh_CN, every command described in Chinese', async () => {
    const r = await runCli(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('命令：');
    expect(r.stdout).toContain('示例：');
    const commands = r.stdout.slice(r.stdout.indexOf('命令：'), r.stdout.indexOf('示例：')).split('\n').filter((l) => /^ {2}[a-z]/.test(l));
    expect(commands.length).toBeGreaterThan(10);
    for (const line of commands) expect(line, line).toMatch(/[\u4e00-\u9fff]/);
  });

  it('describes every option of every command in Chinese under --lang zh', async () => {
    for (const cmd of ['import', 'check', 'approvals', 'payments', 'flags', 'flags resolve', 'report', 'sample', 'person', 'explain', 'policy show', 'policy check', 'log', 'disburse', 'disbursements', 'institutions', 'issuers']) {
      const r = await runCli(['--lang', 'zh', ...cmd.split(' '), '--help']);
      expect(r.code, cmd).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[2], cmd).toMatch(/[\u4e00-\u9fff]/);
      // Every option and argument line (its first line: descriptions may wrap) says something in Chinese.
      for (const line of lines.filter((l) => /^ {2}(-|<|\[)/.test(l))) expect(line, `${cmd}: ${line}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('never cites a section of a document the user does not have, in either language', async () => {
    for (const lang of ['en', 'zh']) {
      for (const cmd of ['', 'import', 'check', 'approvals', 'payments', 'flags', 'flags resolve', 'report', 'sample', 'person', 'explain', 'policy show', 'policy check', 'log', 'disburse', 'disbursements', 'institutions', 'issuers']) {
        const r = await runCli(['--lang', lang, ...cmd.split(' ').filter(Boolean), '--help']);
        expect(r.stdout, `${lang} ${cmd}`).not.toMatch(/SPEC|§/);
      }
    }
  });

  it('words commander\'s errors in Chinese and still exits 2', async () => {
    const bad = await runCli(['--lang', 'zh', 'approvals', '--format', 'foo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("错误: 选项 '--format <format>' 的取值 'foo' 无效。可选值：table, csv, json, xlsx。\n");
    const unknown = await runCli(['approvalz'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("错误: 未知命令 'approvalz'");
    expect(unknown.stderr).toContain('approvals');
    expect((await runCli(['--lang', 'zh', 'flags', 'resolve', 'F_X-1', '--cleared'])).stderr).toContain("错误: 未指定必需的选项 '--note <text>'");
    expect((await runCli(['approvals', '--format', 'foo'])).stderr).toContain("error: option '--format <format>' argument 'foo' is invalid");
  });
});

describe('Chinese messages', () => {
  it('have the same keys as the English ones', () => {
    expect(messageKeys('zh').sort()).toEqual(messageKeys('en').sort());
  });

  it('hold no English words but command names, options and format names', () => {
    const params = new Proxy({}, { get: (_, k) => (typeof k === 'string' ? '①' : undefined) });
    const allowed = /skillsub|--[a-z-]+|SKILLSUB_DB|CSV|UTF-8|NUL|GB18030|gb18030|SQLite|YAML|\b[KMG]B\b|ulimit -[fn]|Jaccard|GB 11643|GB 32100|Windows|Excel|xlsx|YYYY-MM-DD|claim_id|class_id|id_number|\b(import|roster|list|flags|resolve|withdraw|help|columns|codes|policy|show|check|log|approvals|disbursements)\b/g;
    for (const key of messageKeys('zh')) {
      const text = message('zh', key, params).replace(allowed, '');
      expect(text.match(/[A-Za-z]{2,}/g), `${key}: ${text}`).toBeNull();
    }
  });

  it('words a row error\'s accepted forms in Chinese (no "应为on or after")', () => {
    const line = rowErrorLine('zh', 'r.csv', { line: 3, column: '结业日期', value: '2020-01-01', code: 'R_END_BEFORE_START', expected: 'on or after 2020-02-01' });
    expect(line).toBe('r.csv 第 3 行，结业日期 列: [R_END_BEFORE_START] "2020-01-01" 早于开始日期。应为不早于 2020-02-01 的日期。');
    const date = rowErrorLine('zh', 'r.csv', { line: 3, column: '开班日期', value: 'x', code: 'R_DATE', expected: '2020-07-01, 2020/7/1, 2020.7.1, 20200701, 2020年7月1日, or a spreadsheet date number' });
    expect(date).not.toMatch(/\bor\b|spreadsheet/);
  });

  it('writes the errors file with Chinese headers and labelled codes under zh', async () => {
    const w = workspace();
    const roster = w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow({ start_date: '31/02/2020' })]));
    const r = await w.run('--lang', 'zh', 'import', 'roster', roster, '--errors-out', 'errors.csv');
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(`${w.dir}/errors.csv`, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\ufeff文件,行号,列,值,错误代码,说明,末行');
    expect(lines[1]).toContain('日期无法识别(R_DATE)');
    expect(lines[1]).not.toMatch(/spreadsheet|\bor\b/);
  });

  it('names the command whose help to read, never an empty one', async () => {
    const w = workspace();
    const r = await w.run('--lang', 'zh', 'approvals', '--quarter', '2020Q3', '--year', '2020');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误: --quarter 与 --year 只能给一个。运行 "skillsub approvals --help" 查看可用写法。\n');
    await w.run('import', 'roster', w.file('r.csv', csv([ROSTER_HEADER_EN, rosterRow()])));
    await w.run('check', '--as-of', '2021-12-31');
    const x = await w.run('--lang', 'zh', 'approvals', '--format', 'xlsx');
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('"skillsub approvals --help"');
    const en = await w.run('payments', '--format', 'xlsx');
    expect(en.stderr).toContain('"skillsub payments --help"');
    expect(en.stderr).not.toContain('skillsub  --help');
  });
});
