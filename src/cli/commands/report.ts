// `skillsub report quarterly 2020Q3 | report annual 2020` (SPEC §8.4).

import { Command, Option } from 'commander';
import { buildFiledReturn, buildReturn } from '../../app/report.js';
import { parseQuarter, parseYear, QUARTER_FORMS, YEAR_FORMS } from '../../core/report/period.js';
import { UsageError } from '../../core/errors.js';
import { selectRun } from '../run-selection.js';
import { chooseFormat, writeOutput } from '../render/output.js';
import { reportAsCsv, reportAsHtml, reportAsMarkdown, reportAsText, reportAsXlsx } from '../render/report.js';
import { terminalSafe } from '../render/terminal-text.js';
import type { Context, Runner } from '../context.js';
import { localTime } from '../local-time.js';

const FORMATS = ['table', 'csv', 'json', 'md', 'html', 'xlsx'] as const;

export function reportCommand(run: Runner): Command {
  return new Command('report')
    .argument('<kind>', 'quarterly or annual')
    .argument('<period>', `a quarter (${QUARTER_FORMS}) or a year (${YEAR_FORMS})`)
    .description('the quarterly or annual statistical return, with progress against the plan\'s targets')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)')
    .addHelpText('after', '\nExamples:\n  $ skillsub report quarterly 2020Q3\n  $ skillsub report annual 2020 --out returns/annual-2020.html')
    .action(async (kind: string, label: string, flags: { run?: string; format?: string; out?: string }) => {
      await run(async (ctx) => {
        if (kind !== 'quarterly' && kind !== 'annual') throw new UsageError('bad_choice', { option: 'report <kind>', accepted: 'quarterly, annual', value: kind });
        const period = kind === 'quarterly' ? parseQuarter(label) : parseYear(label);
        if (!period) throw new UsageError('bad_period', { value: label, accepted: kind === 'quarterly' ? QUARTER_FORMS : YEAR_FORMS });
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        if (format === 'json') {
          writeOutput(ctx, `${JSON.stringify(buildReturn(ctx.database(), r, period), null, 2)}\n`, flags.out);
          return 0;
        }
        const filed = buildFiledReturn(ctx.database(), r, period);
        const made = generatedAt(ctx);
        const content =
          format === 'csv' ? reportAsCsv(filed, ctx.lang, made)
            : format === 'md' ? reportAsMarkdown(filed, ctx.lang, made)
              : format === 'html' ? reportAsHtml(filed, ctx.lang, made)
                : format === 'xlsx' ? await reportAsXlsx(filed, ctx.lang, made)
                  : terminalSafe(reportAsText(filed, ctx.lang, made));
        writeOutput(ctx, content, flags.out);
        return 0;
      });
    });
}

/**
 * When the return was made, in the machine's zone with its offset; SOURCE_DATE_EPOCH (the
 * reproducible-builds convention, seconds since 1970) fixes it, so that a return made twice from
 * the same run is the same file.
 */
function generatedAt(ctx: Context): string {
  const epoch = ctx.io.env.SOURCE_DATE_EPOCH;
  const at = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return localTime(at.toISOString());
}
