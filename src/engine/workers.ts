// The one way skillsub runs work on another core. A worker produces a stream of values; the main
// thread takes them one by one and acknowledges each, and the worker waits while too many are
// unacknowledged, so memory stays bounded. One failure policy: whatever goes wrong in a worker
// (an error of its own, a crash, running out of memory, ending early) is thrown to the caller
// as it would have been on the main thread. Nothing falls back silently.

import { Worker, parentPort, workerData, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { DataError, SkillsubError, UsageError, type MessageParams } from '../core/errors.js';

type Message<T> =
  | { type: 'value'; value: T }
  | { type: 'done' }
  | { type: 'fail'; key: string; params: MessageParams; exitCode: 2 | 3 }
  | { type: 'crash'; message: string; stack: string };

const MAX_IN_FLIGHT = 4;

export interface WorkerOptions {
  resourceLimits?: ResourceLimits;
  /** The error to throw when the worker runs out of memory. */
  outOfMemory?: () => SkillsubError;
  /** Stops the worker: the stream ends there, as if the worker were done, even while a value is awaited. */
  signal?: AbortSignal;
}

/** Starts `script` (which calls serveFromWorker) with `data`, and yields what it produces. */
export async function* streamFromWorker<T>(script: URL, data: unknown, options: WorkerOptions = {}): AsyncGenerator<T> {
  const worker = new Worker(script, { workerData: data, resourceLimits: options.resourceLimits });
  const queue: Message<T>[] = [];
  let notify: (() => void) | null = null;
  const push = (message: Message<T>) => {
    queue.push(message);
    notify?.();
    notify = null;
  };
  worker.on('message', push);
  worker.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && options.outOfMemory) {
      const e = options.outOfMemory();
      push({ type: 'fail', key: e.key, params: e.params, exitCode: e.exitCode });
    } else {
      push({ type: 'crash', message: err.message, stack: err.stack ?? '' });
    }
  });
  worker.on('exit', (code) => push({ type: 'crash', message: `worker thread ${script.pathname} ended early (exit code ${code})`, stack: '' }));
  const stop = () => {
    queue.unshift({ type: 'done' });
    notify?.();
    notify = null;
  };
  options.signal?.addEventListener('abort', stop);
  try {
    if (options.signal?.aborted) return;
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'fail') throw message.exitCode === 2 ? new UsageError(message.key, message.params) : new DataError(message.key, message.params);
      if (message.type === 'crash') {
        const err = new Error(message.message);
        err.stack = message.stack || err.stack;
        throw err;
      }
      yield message.value;
      worker.postMessage('ack');
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

/**
 * The worker's side: posts each value `produce` yields (moving the buffers `transfer` names
 * instead of copying them), then 'done'; an error is posted for the main thread to throw.
 */
export function serveFromWorker<T>(produce: (data: unknown) => AsyncIterable<T> | Iterable<T>, transfer: (value: T) => Transferable[] = () => []): void {
  const port = parentPort!;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    wake?.();
    wake = null;
  });
  const run = async () => {
    try {
      for await (const value of produce(workerData)) {
        while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
        inFlight++;
        port.postMessage({ type: 'value', value }, transfer(value));
      }
      port.postMessage({ type: 'done' });
    } catch (err) {
      if (err instanceof SkillsubError) port.postMessage({ type: 'fail', key: err.key, params: err.params, exitCode: err.exitCode });
      else port.postMessage({ type: 'crash', message: (err as Error).message, stack: (err as Error).stack ?? '' });
    }
  };
  void run().then(() => port.close());
}
