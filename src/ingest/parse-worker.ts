// The worker-thread side of parse-in-worker.ts: runs parseFile and posts its events,
// pausing while too many batches wait unacknowledged (backpressure).

import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseOptions } from './parse-file.js';
import { SkillsubError } from '../core/errors.js';

const MAX_IN_FLIGHT = 4;
let inFlight = 0;
let wake: (() => void) | null = null;

parentPort!.on('message', () => {
  inFlight--;
  if (wake) {
    wake();
    wake = null;
  }
});

async function run(): Promise<void> {
  try {
    for await (const event of parseFile(workerData as ParseOptions)) {
      if (event.type === 'batch') {
        while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
        inFlight++;
      }
      parentPort!.postMessage(event);
    }
    parentPort!.postMessage({ type: 'done' });
  } catch (err) {
    if (err instanceof SkillsubError) {
      parentPort!.postMessage({ type: 'fail', key: err.key, params: err.params, exitCode: err.exitCode });
    } else {
      const e = err as Error;
      parentPort!.postMessage({ type: 'crash', message: e.message, stack: e.stack ?? '' });
    }
  }
}

void run().then(() => parentPort!.close());
