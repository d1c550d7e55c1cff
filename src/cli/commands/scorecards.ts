// `skillsub institutions` and `skillsub issuers` (SPEC §8.8): where to send the auditors.

import { Command, Option } from 'commander';
import { INSTITUTION_COLUMNS, ISSUER_COLUMNS, institutionScorecards, issuerScorecards } from '../../app/scorecards.js';
import { selectPeriod, selectRun } from '../run-selection.js';
import { chooseFormat, emitTable, labelRows, writeOutput } from '../render/output.js';
import { institutionsAsHtml, issuersAsHtml, scorecardAsMarkdown } from '../render/scorecards.js';
import { columns } from '../columns.js';
import type { Runner } from '../context.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx', 'md', 'html'] as const;

interface ScorecardFlags {
  year?: string;
  run?: string;
  format?: string;
  out?: string;
}

const outputOptions = (cmd: Command) =>
  cmd
    .option('--year <year>', 'only that year, e.g. 2020')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)');

export function institutionsCommand(run: Runner): Command {
  return outputOptions(new Command('institutions')
    .description('one row per training institution: classes, trainees, decisions, pass rate, money paid, flags by severity, trainees on outside lists; most high-severity flags first'))
    .addHelpText('after', '\nExamples:\n  $ skillsub institutions --year 2020\n  $ skillsub institutions --out institutions.html')
    .action(async (flags: ScorecardFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(undefined, flags.year, 'institutions');
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        const rows = institutionScorecards(ctx.database(), r, period).map((row) => INSTITUTION_COLUMNS.map((k) => row[k]));
        const cols = columns(INSTITUTION_COLUMNS);
        const page = { lang: ctx.lang, runId: r.id, year: period?.year ?? null, columns: cols, rows: labelRows(ctx, cols, rows) };
        if (format === 'html') writeOutput(ctx, institutionsAsHtml(page), flags.out);
        else if (format === 'md') writeOutput(ctx, scorecardAsMarkdown(page, 'institutions'), flags.out);
        else await emitTable(ctx, cols, rows, { format, out: flags.out, sheet: 'institutions' });
        return 0;
      });
    });
}

export function issuersCommand(run: Runner): Command {
  return outputOptions(new Command('issuers')
    .description('one row per certificate issuer: certificates, holders, first and last issue, peak month, paid claims funded, burst months (F_CERT_BURST); largest peak first'))
    .addHelpText('after', '\nExamples:\n  $ skillsub issuers --year 2021\n  $ skillsub issuers --out issuers.html')
    .action(async (flags: ScorecardFlags) => {
      await run(async (ctx) => {
        const period = selectPeriod(undefined, flags.year, 'issuers');
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        const r = selectRun(ctx, flags.run);
        const { rows: found, monthly } = issuerScorecards(ctx.database(), r, period);
        const rows = found.map((row) => ISSUER_COLUMNS.map((k) => row[k]));
        const cols = columns(ISSUER_COLUMNS);
        const page = { lang: ctx.lang, runId: r.id, year: period?.year ?? null, columns: cols, rows: labelRows(ctx, cols, rows) };
        if (format === 'html') writeOutput(ctx, issuersAsHtml({ ...page, monthly }), flags.out);
        else if (format === 'md') writeOutput(ctx, scorecardAsMarkdown(page, 'issuers'), flags.out);
        else await emitTable(ctx, cols, rows, { format, out: flags.out, sheet: 'issuers' });
        return 0;
      });
    });
}
