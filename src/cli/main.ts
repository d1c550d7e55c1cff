// The command line (SPEC §1): global options, the commands, and the mapping of errors to
// exit codes (0 done, 1 internal error, 2 usage error, 3 data error). Stack traces only with --debug.

import { Command, CommanderError, Option } from 'commander';
import { Context, processIo, TOOL_VERSION, type GlobalOptions, type Io } from './context.js';
import { detectLang, langFromArgv, message, type Lang } from './messages.js';
import { commanderErrorZh, helpTextZh, localiseHelp } from './help-zh.js';
import { messageSafe } from './render/terminal-text.js';
import { SkillsubError, environmentError } from '../core/errors.js';
import { importCommand } from './commands/import.js';
import { logCommand } from './commands/log.js';
import { checkCommand } from './commands/check.js';
import { policyCommand } from './commands/policy.js';
import { approvalsCommand, paymentsCommand } from './commands/approvals.js';
import { flagsCommand } from './commands/flags.js';
import { personCommand, explainCommand, sampleCommand } from './commands/records.js';
import { reportCommand } from './commands/report.js';
import { disburseCommand, disbursementsCommand } from './commands/disburse.js';
import { institutionsCommand, issuersCommand } from './commands/scorecards.js';
import { helpCommand } from './commands/help.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode = 0;
  let context: Context | null = null;
  // The language is known before parsing, so that help and commander's own errors use it too.
  const lang: Lang = langFromArgv(argv) ?? detectLang(io.env);
  const fallbackLang = (): Lang => lang;
  const writeOut = (s: string) => io.stdout.write(lang === 'zh' ? helpTextZh(s) : s);
  const writeErr = (s: string) => io.stderr.write(lang === 'zh' ? helpTextZh(s) : s);
  const outputError = (s: string, write: (s: string) => void) => write(lang === 'zh' ? commanderErrorZh(s) : s);

  const program = new Command('skillsub');
  let commandPath = '';
  program.hook('preAction', (_program, action) => {
    const names: string[] = [];
    for (let c: Command | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
    commandPath = names.join(' ');
  });
  const run = async (action: (ctx: Context) => Promise<number>): Promise<void> => {
    const opts = program.opts<GlobalOptions>();
    context = new Context(io, opts, opts.lang ?? lang, argv, commandPath);
    exitCode = await action(context);
  };

  program
    .version(TOOL_VERSION)
    .description('skillsub — vocational-training subsidy claims: import, decide, flag, report (职业技能提升行动补贴审核)')
    .option('--db <file>', 'database file or postgres:// URL (default: $SKILLSUB_DB, else ./skillsub.db)')
    .addOption(new Option('--lang <lang>', 'language of help, messages, headers and labels (default from LC_ALL/LANG, else the system locale)').choices(['zh', 'en']))
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .option('--quiet', 'no progress or summaries on stderr')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut, writeErr, outputError })
    .addHelpText('after', '\nExample:\n  $ skillsub --db bureau.db import roster samples/roster-*.csv\n  $ skillsub --db bureau.db log');

  const commands = [
    importCommand(run), checkCommand(run), approvalsCommand(run), paymentsCommand(run), flagsCommand(run), reportCommand(run),
    sampleCommand(run), personCommand(run), explainCommand(run), policyCommand(run), logCommand(run),
    disburseCommand(run), disbursementsCommand(run), institutionsCommand(run), issuersCommand(run), helpCommand(run, program),
  ];
  for (const cmd of commands) {
    for (const c of [cmd, ...cmd.commands]) {
      c.exitOverride().configureOutput({ writeOut, writeErr, outputError });
    }
    program.addCommand(cmd);
  }
  if (lang === 'zh') localiseHelp(program);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    exitCode = handleError(err, io, context, fallbackLang(), argv);
  } finally {
    (context as Context | null)?.close();
  }
  return exitCode;
}

function handleError(err: unknown, io: Io, ctx: Context | null, lang: Lang, argv: string[]): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return 2;
  }
  const label = lang === 'zh' ? '错误' : 'error';
  if (err instanceof SkillsubError) {
    io.stderr.write(`${label}: ${messageSafe(message(lang, err.key, err.params))}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  const debug = ctx?.debug || argv.includes('--debug');
  const environment = environmentError(err, ctx?.dbPath ?? '?');
  if (environment) {
    io.stderr.write(`${label}: ${messageSafe(message(lang, environment.key, environment.params))}\n`);
    if (debug) io.stderr.write(`${e?.stack ?? ''}\n`);
    return environment.exitCode;
  }
  io.stderr.write(`${label}: ${messageSafe(message(lang, 'internal', { reason: e?.message ?? String(err) }))}\n`);
  if (debug) io.stderr.write(`${e?.stack ?? ''}\n`);
  return 1;
}

/**
 * The line to print when standard output fails (issue #15 item 10: `approvals > /dev/full`),
 * for bin/ to write before it exits 3. A reader that stops early (EPIPE) is not an error.
 */
export function stdoutFailure(err: NodeJS.ErrnoException, argv: string[], env: NodeJS.ProcessEnv): string {
  const lang: Lang = langFromArgv(argv) ?? detectLang(env);
  const label = lang === 'zh' ? '错误' : 'error';
  return `${label}: ${message(lang, 'stdout_failed', { code: err.code ?? 'unknown', reason: err.message.replace(/,\s*write$/, '') })}\n`;
}
