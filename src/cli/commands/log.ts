// `skillsub log` (SPEC §8.7): the append-only audit log, oldest first; times in the machine's
// local zone with its offset (JSON keeps the stored UTC); under zh the headers and actions in Chinese.

import { Command, Option } from 'commander';
import { auditEntries } from '../../app/audit.js';
import { toCsv } from '../render/csv.js';
import { localTime } from '../local-time.js';
import type { Context } from '../context.js';
import { labelValue } from '../labels.js';

export function logCommand(run: (action: (ctx: Context) => Promise<number>) => Promise<void>): Command {
  return new Command('log')
    .description('print the audit log: who changed the database, when, with which command and files')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']))
    .addHelpText('after', '\nExample:\n  $ skillsub log --format json')
    .action(async (flags: { format?: string }) => {
      await run(async (ctx) => {
        const entries = auditEntries(ctx.database());
        const zh = ctx.lang === 'zh';
        // Under zh the action in words, the command as it was typed beside it (JSON keeps the identifier).
        const action = (a: string) => (zh ? `${labelValue(ctx.lang, 'log_action', a)}(${a})` : a);
        const format = flags.format ?? (ctx.io.stdout.isTTY ? 'table' : 'csv');
        if (format === 'json') {
          ctx.out(JSON.stringify(entries.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })), null, 2));
        } else if (format === 'csv') {
          const header = zh ? ['编号', '时间', '操作系统用户', '版本', '操作', '命令行', '详情'] : ['id', 'at', 'os_user', 'tool_version', 'action', 'command', 'details'];
          ctx.io.stdout.write(toCsv(header, entries.map((e) => [e.id, localTime(e.at), e.os_user, e.tool_version, action(e.action), e.command, e.details])));
        } else if (entries.length === 0) {
          ctx.info(ctx.t('log_empty'));
        } else {
          for (const e of entries) {
            ctx.out(`#${e.id} ${localTime(e.at)} ${e.os_user} skillsub ${e.tool_version} ${action(e.action)}\n    ${e.command}\n    ${e.details}`);
          }
        }
        return 0;
      });
    });
}
