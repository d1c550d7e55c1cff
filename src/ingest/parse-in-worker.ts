// Runs parseFile in a worker thread and hands its events to the caller one by one,
// acknowledging each batch once the caller has taken it (so memory stays bounded).

import { Worker } from 'node:worker_threads';
import type { ParseEvent, ParseOptions } from './parse-file.js';
import { DataError, UsageError } from '../core/errors.js';

type WorkerMessage =
  | ParseEvent
  | { type: 'done' }
  | { type: 'fail'; key: string; params: Record<string, string | number>; exitCode: 2 | 3 }
  | { type: 'crash'; message: string; stack: string };

export async function* parseFileInWorker(options: ParseOptions): AsyncGenerator<ParseEvent> {
  // A bounded young generation and heap keep the parser's garbage from inflating RSS.
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
    workerData: options,
    resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 64 },
  });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | null = null;
  const push = (m: WorkerMessage) => {
    queue.push(m);
    if (notify) {
      notify();
      notify = null;
    }
  };
  worker.on('message', push);
  worker.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      push({ type: 'fail', key: 'file_too_large', params: { file: options.file }, exitCode: 3 });
    } else {
      push({ type: 'crash', message: err.message, stack: err.stack ?? '' });
    }
  });
  worker.on('exit', (code) => {
    if (code !== 0) push({ type: 'crash', message: `parser thread exited with code ${code}`, stack: '' });
    else push({ type: 'crash', message: 'parser thread ended early', stack: '' });
  });
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'fail') {
        throw message.exitCode === 2 ? new UsageError(message.key, message.params) : new DataError(message.key, message.params);
      }
      if (message.type === 'crash') {
        const err = new Error(message.message);
        err.stack = message.stack || err.stack;
        throw err;
      }
      yield message;
      if (message.type === 'batch') worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}

