// SPEC §6 step 10 on a second core (see caps-worker.ts): the candidates' columns are moved to a
// worker, not copied. The answer is null when the worker failed; the caller then runs the caps itself.

import { Worker } from 'node:worker_threads';
import type { CapColumns, CapColumnsResult, CapLimits } from '../core/decide/caps.js';

export function capsInWorker(columns: CapColumns, limits: CapLimits): Promise<CapColumnsResult | null> {
  const worker = new Worker(new URL('./caps-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  const answer = new Promise<CapColumnsResult | null>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  const { claimIdUnits, claimIdFrom, dates, person, capped, occupationCode, occupationName, level, certificateRow, certificateYear } = columns;
  worker.postMessage({ columns, limits }, [
    claimIdUnits.buffer, claimIdFrom.buffer, dates.buffer, person.buffer, capped.buffer, occupationCode.buffer, occupationName.buffer,
    level.buffer, certificateRow.buffer, certificateYear.buffer,
  ]);
  return answer.finally(() => void worker.terminate());
}
