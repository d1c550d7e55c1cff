// `skillsub policy show [FILE]` and `skillsub policy check FILE` (SPEC §5).

import { Command } from 'commander';
import { resolve } from 'node:path';
import { DEFAULT_POLICY_PATH, describePolicy, policyProblems, readPolicyText } from '../../app/policy.js';
import { formatTable } from '../render/table.js';
import { DataError } from '../../core/errors.js';
import type { Runner } from '../context.js';
import { STDIN, withInputFile } from '../input-files.js';

export function policyCommand(run: Runner): Command {
  const policy = new Command('policy').description('show or validate a policy file (amounts, limits, thresholds with their sources)');
  policy
    .command('show')
    .argument('[file]', 'policy file (default: the shipped yuzhong-2019 policy); - reads standard input')
    .description('print every value of a policy with the paragraph or document it comes from, or "assumed"')
    .addHelpText('after', '\nExample:\n  $ skillsub policy show')
    .action(async (file?: string) => {
      await run(async (ctx) => {
        const text = file ? await withInputFile(ctx, file, { option: 'FILE', example: 'policy show -' }, readPolicyText) : readPolicyText(DEFAULT_POLICY_PATH);
        const shown = file === undefined ? DEFAULT_POLICY_PATH : file === STDIN ? 'stdin' : resolve(ctx.io.cwd, file);
        const { problems } = policyProblems(text);
        if (problems.length > 0) throw new DataError('invalid_policy', { file: shown, problems: problems.join('\n  ') });
        const rows = describePolicy(text).map((l) => [l.path, l.value, l.source || '—']);
        ctx.out(`# ${shown}`);
        ctx.io.stdout.write(formatTable(ctx.lang === 'zh' ? ['参数', '值', '依据'] : ['parameter', 'value', 'source'], rows));
        return 0;
      });
    });
  policy
    .command('check')
    .argument('<file>', 'policy file to validate; - reads standard input')
    .description('validate a policy file; every problem is reported by its path (exit 3 on any problem)')
    .addHelpText('after', '\nExample:\n  $ skillsub policy check my-policy.yaml')
    .action(async (file: string) => {
      await run(async (ctx) => {
        const text = await withInputFile(ctx, file, { option: 'FILE', example: 'policy check -' }, readPolicyText);
        const shown = file === STDIN ? 'stdin' : file;
        const { policy: parsed, problems } = policyProblems(text);
        if (!parsed) throw new DataError('invalid_policy', { file: shown, problems: problems.join('\n  ') });
        ctx.out(ctx.t('policy_ok', { file: shown, id: parsed.id, title: parsed.title }));
        return 0;
      });
    });
  return policy;
}
