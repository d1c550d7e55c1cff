// `skillsub check [--policy FILE] [--as-of DATE]` (SPEC §6): decide every claim, raise the
// flags, store a numbered run.

import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { resolve } from 'node:path';
import { runCheck } from '../../app/check.js';
import { loadPolicy, DEFAULT_POLICY_PATH } from '../../app/policy.js';
import { isIsoDate } from '../../core/normalise/dates.js';
import { UsageError } from '../../core/errors.js';
import type { Runner } from '../context.js';

export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function checkCommand(run: Runner): Command {
  return new Command('check')
    .description('decide every claim, raise fraud flags, and store the result as a numbered run')
    .option('--policy <file>', 'policy file (default: the shipped yuzhong-2019 policy)')
    .option('--as-of <date>', 'the date the decisions are made on, YYYY-MM-DD (default: today)')
    .addHelpText('after', '\nExamples:\n  $ skillsub check\n  $ skillsub check --policy my-policy.yaml --as-of 2021-03-31')
    .action(async (flags: { policy?: string; asOf?: string }) => {
      await run(async (ctx) => {
        const asOf = flags.asOf ?? localToday();
        if (!isIsoDate(asOf)) throw new UsageError('bad_date_option', { option: '--as-of', value: asOf });
        const loaded = loadPolicy(flags.policy ? resolve(ctx.io.cwd, flags.policy) : DEFAULT_POLICY_PATH);
        const stages = ['read', 'evaluate', 'flags', 'caps', 'outcomes', 'store'];
        const bar = ctx.showProgress
          ? new cliProgress.SingleBar({ format: 'check [{bar}] {stage}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
          : null;
        bar?.start(stages.length, 0, { stage: '' });
        const summary = await runCheck(ctx.database(), loaded, asOf, ctx.audit(), (stage) => bar?.update(stages.indexOf(stage), { stage }));
        bar?.update(stages.length, { stage: 'done' });
        bar?.stop();
        const n = (x: number) => x.toLocaleString('en-US');
        ctx.info(ctx.t('check_done', {
          run: summary.runId, claims: n(summary.claims), ...Object.fromEntries(Object.entries(summary.byDecision).map(([k, v]) => [k, n(v)])),
          flags: n(summary.flags), high: n(summary.flagsBySeverity.high), medium: n(summary.flagsBySeverity.medium), low: n(summary.flagsBySeverity.low),
        }));
        return 0;
      });
    });
}
