// `skillsub report quarterly 2020Q3 | report annual 2020` (SPEC §8.4).

import { Command, Option } from 'commander';
import { buildReturn } from '../../app/report.js';
import { parseQuarter, parseYear, QUARTER_FORMS, YEAR_FORMS } from '../../core/report/period.js';
import { UsageError } from '../../core/errors.js';
import { selectRun } from '../run-selection.js';
import { chooseFormat, writeOutput } from '../render/output.js';
import { reportAsCsv, reportAsHtml, reportAsMarkdown, reportAsText, reportAsXlsx } from '../render/report.js';
import { terminalSafe } from '../render/terminal-text.js';
import type { Runner } from '../context.js';

const FORMATS = ['table', 'csv', 'json', 'md', 'html', 'xlsx'] as const;

export function reportCommand(run: Runner): Command {
  return new Command('report')
    .argument('<kind>', 'quarterly or annual')
    .argument('<period>', `a quarter (${QUARTER_FORMS}) or a year (${YEAR_FORMS})`)
    .description('the quarterly or annual statistical return, with progress against the plan\'s targets')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension)')
    .addHelpText('after', '\nExamples:\n  $ skillsub report quarterly 2020Q3\n  $ skillsub report annual 2020 --out returns/annual-2020.html')
    .action(async (kind: string, label: string, flags: { run?: string; format?: string; out?: string }) => {
      await run(async (ctx) => {
        if (kind !== 'quarterly' && kind !== 'annual') throw new UsageError('bad_choice', { option: 'report <kind>', accepted: 'quarterly, annual', value: kind });
        const period = kind === 'quarterly' ? parseQuarter(label) : parseYear(label);
        if (!period) throw new UsageError('bad_period', { value: label, accepted: kind === 'quarterly' ? QUARTER_FORMS : YEAR_FORMS });
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        const ret = buildReturn(ctx.database(), r, period);
        const content =
          format === 'json' ? `${JSON.stringify(ret, null, 2)}\n`
            : format === 'csv' ? reportAsCsv(ret, ctx.lang)
              : format === 'md' ? reportAsMarkdown(ret, ctx.lang)
                : format === 'html' ? reportAsHtml(ret, ctx.lang)
                  : format === 'xlsx' ? await reportAsXlsx(ret, ctx.lang)
                    : terminalSafe(reportAsText(ret, ctx.lang));
        writeOutput(ctx, content, flags.out);
        return 0;
      });
    });
}
