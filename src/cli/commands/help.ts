// `skillsub help [command...]`, and the two reference topics a newcomer needs (issue #20 item 8):
// `help columns` — every input column with its Chinese aliases, from the import's own table
// (ingest/columns.ts); `help codes` — every reason, flag, row-error and recovery code with its
// Chinese words, from the one table of labels (labels.ts). Anything else is a command's help.

import { Command } from 'commander';
import { COLUMNS, VERDICT_COLUMNS, INPUT_KINDS, type ColumnSpec } from '../../app/reference.js';
import { CODE_LABELS } from '../labels.js';
import { UsageError } from '../../core/errors.js';
import type { Context, Runner } from '../context.js';

const GROUPS: readonly { prefix: RegExp; en: string; zh: string }[] = [
  { prefix: /^[EPW]_/, en: 'decision reasons (approvals, explain)', zh: '审核原因（审核名单、explain）' },
  { prefix: /^F_/, en: 'fraud-flag rules (flags)', zh: '疑点规则（flags）' },
  { prefix: /^R_/, en: 'row errors (import)', zh: '行错误（import）' },
  { prefix: /^[A-Z]+_CHANGED$/, en: 'recovery reasons (disbursements)', zh: '追回原因（disbursements）' },
];

function columnsText(zh: boolean): string {
  const kinds: [string, readonly ColumnSpec[]][] = [...INPUT_KINDS.map((k) => [`import ${k}`, COLUMNS[k]] as [string, readonly ColumnSpec[]]), ['flags resolve --from', VERDICT_COLUMNS]];
  const lines: string[] = [zh
    ? '表头按英文列名或中文别名识别（不分大小写、全角半角，忽略空格和末尾的 *）。* 为必填列。'
    : 'Headers are recognised by the English name or a Chinese alias (case, width, spaces and a trailing * ignored). * marks a required column.'];
  for (const [command, specs] of kinds) {
    lines.push('', `skillsub ${command}`);
    const width = Math.max(...specs.map((s) => s.name.length)) + 2;
    for (const s of specs) lines.push(`  ${(s.name + (s.required ? ' *' : '')).padEnd(width + 1)} ${s.aliases.join(zh ? '、' : ', ')}`);
  }
  return lines.join('\n');
}

function codesText(zh: boolean): string {
  const lines: string[] = [];
  for (const group of GROUPS) {
    if (lines.length > 0) lines.push('');
    lines.push(zh ? group.zh : group.en);
    for (const [code, words] of Object.entries(CODE_LABELS)) if (group.prefix.test(code)) lines.push(`  ${code.padEnd(24)} ${words}`);
  }
  return lines.join('\n');
}

export function helpCommand(run: Runner, program: Command): Command {
  return new Command('help')
    .argument('[topic...]', 'columns, codes, or a command')
    .description('help on a command, or a reference: "help columns" (input columns and their Chinese aliases), "help codes" (every code and its words)')
    .addHelpText('after', '\nExamples:\n  $ skillsub help columns\n  $ skillsub help codes\n  $ skillsub help import')
    .action(async (topic: string[]) => {
      if (topic[0] === 'columns' || topic[0] === 'codes') {
        await run(async (ctx: Context) => {
          ctx.out(topic[0] === 'columns' ? columnsText(ctx.lang === 'zh') : codesText(ctx.lang === 'zh'));
          return 0;
        });
        return;
      }
      let cmd: Command = program;
      for (const name of topic) {
        const next = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) {
          await run(async () => {
            throw new UsageError('unknown_help_topic', { topic: topic.join(' '), commands: program.commands.map((c) => c.name()).join(', ') });
          });
          return;
        }
        cmd = next;
      }
      cmd.help();
    });
}
