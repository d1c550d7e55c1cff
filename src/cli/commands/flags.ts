// `skillsub flags` (SPEC §8.3) and `skillsub flags resolve FLAG_ID --cleared|--confirmed --note`
// (SPEC §7.1): the run's fraud flags with their evidence, and the auditor's verdict on one.

import { Command, Option } from 'commander';
import { latestVerdicts, recordVerdict, recordVerdictsFromFile, runFlags } from '../../app/verdicts.js';
import { selectRun } from '../run-selection.js';
import { chooseFormat, emitTable } from '../render/output.js';
import { columns } from '../columns.js';
import { flagDetail } from '../messages.js';
import { UsageError } from '../../core/errors.js';
import type { Runner } from '../context.js';
import { withInputFile } from '../input-files.js';
import { saysNothing } from '../../core/normalise/text.js';

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;
export const FLAG_COLUMNS = [
  'flag_id', 'rule', 'severity', 'subject_type', 'subject', 'id_number', 'class_ids', 'cert_numbers', 'institution_code', 'claim_ids', 'detail', 'sources',
  'verdict', 'verdict_note', 'verdict_by', 'verdict_at',
];

interface FlagListOptions {
  severity?: string;
  rule?: string;
  open?: boolean;
  run?: string;
  format?: string;
  out?: string;
}

export function flagsCommand(run: Runner): Command {
  const cmd = new Command('flags')
    .description('fraud flags of a run, ranked by severity, with the rows (file:line) behind each')
    .addOption(new Option('--severity <severity>', 'only this severity').choices(['high', 'medium', 'low']))
    .option('--rule <code>', 'only this rule, e.g. F_OVERLAP')
    .option('--open', 'only flags without an auditor\'s verdict')
    .option('--run <n>', 'a stored run (default: the latest)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices([...FORMATS]))
    .option('--out <file>', 'write to a file (format from its extension; - for standard output)')
    .addHelpText('after', '\nExamples:\n  $ skillsub flags --severity high --open\n  $ skillsub flags --rule F_OVERLAP --out overlaps.xlsx')
    .action(async (flags: FlagListOptions) => {
      await run(async (ctx) => {
        const format = chooseFormat(ctx, flags.format, flags.out, FORMATS);
        if (flags.rule && !/^F_[A-Z_]+$/.test(flags.rule)) throw new UsageError('bad_choice', { option: '--rule', accepted: 'a rule code such as F_OVERLAP', value: flags.rule });
        const r = selectRun(ctx, flags.run);
        const verdicts = latestVerdicts(ctx.database());
        const listed = runFlags(ctx.database(), r.id)
          .filter((f) => (!flags.severity || f.severity === flags.severity) && (!flags.rule || f.rule === flags.rule) && (!flags.open || !verdicts.has(f.flag_id)));
        const rows = listed
          .map((f) => {
            const v = verdicts.get(f.flag_id);
            return [
              f.flag_id, f.rule, f.severity, f.subject_type, f.subject,
              f.id_number ?? '', f.class_ids, f.cert_numbers, f.institution_code ?? '', f.claim_ids,
              flagDetail(ctx.lang, f.detail_key, JSON.parse(f.detail_params) as Record<string, string | number>), f.sources,
              v?.verdict ?? 'open', v?.note ?? '', v?.by ?? '', v?.at ?? '',
            ];
          });
        await emitTable(ctx, columns(FLAG_COLUMNS), rows, { format, out: flags.out, sheet: 'flags' });
        // §7.1: verdicts are append-only and the latest counts; say where it overturned an earlier one.
        for (const f of listed) {
          const o = verdicts.get(f.flag_id)?.overturned;
          if (o) ctx.warn(ctx.t('verdict_overturned', { flag: f.flag_id, verdict: verdicts.get(f.flag_id)!.verdict, earlier: o.verdict, by: o.by, at: o.at }));
        }
        return 0;
      });
    });
  cmd
    .command('resolve')
    .argument('[flag_id]', 'the flag, as listed by "skillsub flags"')
    .option('--cleared', 'checked: not fraud — the flag no longer holds its claims')
    .option('--confirmed', 'checked: fraud — its claims are rejected (E_FRAUD_CONFIRMED)')
    .option('--note <text>', 'what was checked and found')
    .option('--from <file>', 'many verdicts from a sheet (.xlsx or .csv) with columns flag_id, verdict, note (疑点编号, 核查结论, 核查说明): all or none; - reads standard input')
    .description('record an auditor\'s verdict on a flag; the next check honours it')
    .addHelpText('after', `
Examples:
  $ skillsub flags resolve F_OVERLAP-3fa9c2b1d0e4 --cleared --note "called both institutions: evening and weekend classes"
  $ skillsub flags --open --out 待核查.xlsx        # fill in 核查结论 and 核查说明, then:
  $ skillsub flags resolve --from 待核查.xlsx`)
    .hook('preAction', (self) => {
      // One verdict needs its note, as before --from existed (commander's own message, in either language).
      const o = self.opts<{ note?: string; from?: string }>();
      if (o.from === undefined && o.note === undefined) self.error("error: required option '--note <text>' not specified", { exitCode: 2, code: 'commander.missingMandatoryOptionValue' });
    })
    .action(async (flagId: string | undefined, options: { cleared?: boolean; confirmed?: boolean; note?: string; from?: string }) => {
      await run(async (ctx) => {
        if (options.from !== undefined) {
          if (flagId !== undefined || options.cleared || options.confirmed || options.note !== undefined) throw new UsageError('from_alone', { command: 'flags resolve' });
          const r = await withInputFile(ctx, options.from, { option: '--from', example: 'flags resolve --from -' }, (path) => {
            ctx.protectInputs([path]);
            return recordVerdictsFromFile(ctx.database(), path, ctx.audit());
          });
          ctx.info(ctx.t('verdicts_recorded', { file: r.file, recorded: r.recorded, unchanged: r.unchanged, open: r.open }));
          return 0;
        }
        if (flagId === undefined) throw new UsageError('flag_id_needed', { command: 'flags resolve' });
        const note = options.note ?? '';
        if (!!options.cleared === !!options.confirmed) throw new UsageError('one_verdict', { command: 'flags resolve' });
        // An auditor's verdict needs its reason (SPEC §7.1): blanks, however written, are none.
        if (saysNothing(note)) throw new UsageError('note_required', { flag: flagId });
        const verdict = options.cleared ? 'cleared' : 'confirmed';
        recordVerdict(ctx.database(), flagId, verdict, note, ctx.audit());
        ctx.info(ctx.t('verdict_recorded', { flag: flagId, verdict }));
        return 0;
      });
    });
  return cmd;
}
