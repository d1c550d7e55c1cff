// The one way skillsub runs work on another core. A worker produces a stream of values, or
// consumes one (a sink: an output file written there while this thread reads the database); the
// side that takes the values acknowledges each, and the side that gives them waits while too many
// are unacknowledged, so memory stays bounded. One failure policy: whatever goes wrong in a worker
// (an error of its own, a crash, running out of memory, ending early) is thrown to the caller
// as it would have been on the main thread. Nothing falls back silently.

import { Worker, parentPort, workerData, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { DataError, SkillsubError, UsageError, environmentError, type MessageParams } from '../core/errors.js';

type Message<T> =
  | { type: 'value'; value: T }
  | { type: 'done' }
  | { type: 'fail'; key: string; params: MessageParams; exitCode: 2 | 3 }
  | { type: 'crash'; message: string; stack: string };

type Failure = Extract<Message<unknown>, { type: 'fail' | 'crash' }>;

/** A worker's failure as the main thread throws it. */
function thrown(message: Failure): Error {
  if (message.type === 'fail') return message.exitCode === 2 ? new UsageError(message.key, message.params) : new DataError(message.key, message.params);
  const err = new Error(message.message);
  err.stack = message.stack || err.stack;
  return err;
}

/**
 * An error in a sink's worker as it is posted: the project's own errors and the system's (a full
 * disk while writing an output: with its code and path, as main.ts would have shown it) keep
 * their message key; anything else is a crash.
 */
function failureOf(err: unknown): Failure {
  const known = err instanceof SkillsubError ? err : environmentError(err, '?');
  if (known) return { type: 'fail', key: known.key, params: known.params, exitCode: known.exitCode };
  return { type: 'crash', message: (err as Error).message, stack: (err as Error).stack ?? '' };
}

/** The failures of a worker as they reach this thread: its errors, running out of memory, ending early. */
function watch(worker: Worker, script: URL, options: WorkerOptions, push: (message: Failure) => void): void {
  worker.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && options.outOfMemory) {
      const e = options.outOfMemory();
      push({ type: 'fail', key: e.key, params: e.params, exitCode: e.exitCode });
    } else {
      push({ type: 'crash', message: err.message, stack: err.stack ?? '' });
    }
  });
  worker.on('exit', (code) => push({ type: 'crash', message: `worker thread ${script.pathname} ended early (exit code ${code})`, stack: '' }));
}

const MAX_IN_FLIGHT = 4;

export interface WorkerOptions {
  resourceLimits?: ResourceLimits;
  /** The error to throw when the worker runs out of memory. */
  outOfMemory?: () => SkillsubError;
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
  watch(worker, script, options, push);
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'fail' || message.type === 'crash') throw thrown(message);
      yield message.value;
      worker.postMessage('ack');
    }
  } finally {
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

/**
 * A worker that consumes values (serveSink's side), plain data that JSON keeps: `add` hands one over and waits only while
 * MAX_IN_FLIGHT are unconsumed; `finish` waits for the worker to have consumed them all and ended
 * well. Either throws the worker's failure. Call `abandon` when the values stop coming for a
 * reason of the caller's (the worker is stopped; what it consumed stays consumed).
 */
export class WorkerSink<T> {
  private readonly worker: Worker;
  private inFlight = 0;
  private failure: Failure | null = null;
  private done = false;
  private exited = false;
  private wake: (() => void) | null = null;

  constructor(script: URL, data: unknown, options: WorkerOptions = {}) {
    this.worker = new Worker(script, { workerData: data, resourceLimits: options.resourceLimits });
    this.worker.on('message', (message: 'ack' | Message<never>) => {
      if (message === 'ack') this.inFlight--;
      else if (message.type === 'done') this.done = true;
      else if (message.type !== 'value') this.failure ??= message;
      this.notify();
    });
    this.worker.once('exit', () => (this.exited = true));
    watch(this.worker, script, options, (message) => {
      // A worker that ended well ends; only an end before 'done' is a failure.
      if (!this.done) this.failure ??= message;
      this.notify();
    });
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.failure) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) {
      await this.worker.terminate();
      throw thrown(this.failure);
    }
  }

  /** `value` crosses as JSON text: one flat string is copied many times faster than a clone of a thousand rows' small strings. */
  async add(value: T): Promise<void> {
    if (this.inFlight >= MAX_IN_FLIGHT || this.failure) await this.until(() => this.inFlight < MAX_IN_FLIGHT);
    this.inFlight++;
    this.worker.postMessage({ type: 'value', json: JSON.stringify(value) });
  }

  async finish(): Promise<void> {
    this.worker.postMessage({ type: 'end' });
    await this.until(() => this.done);
    // It ends by itself once it has said 'done' (its port closed).
    await new Promise((resolve) => (this.exited ? resolve(null) : this.worker.once('exit', resolve)));
  }

  async abandon(): Promise<void> {
    await this.worker.terminate();
  }
}

/** What a sink's worker does with the values, one by one, and at their end. */
export interface Consumer<T> {
  add(value: T): void | Promise<void>;
  finish(): void | Promise<void>;
}

/** The worker's side of WorkerSink: each value to `consume(data).add` and acknowledged, then `finish`, then 'done'. */
export function serveSink<T>(consume: (data: unknown) => Consumer<T>): void {
  const port = parentPort!;
  let consumer: Consumer<T> | null = null;
  let failed = false;
  // Values come in order; each is consumed before the next is taken.
  let queue = Promise.resolve();
  port.on('message', (message: { type: 'value'; json: string } | { type: 'end' }) => {
    queue = queue.then(async () => {
      if (failed) return;
      try {
        consumer ??= consume(workerData);
        if (message.type === 'value') {
          await consumer.add(JSON.parse(message.json) as T);
          port.postMessage('ack');
        } else {
          await consumer.finish();
          port.postMessage({ type: 'done' });
          port.close();
        }
      } catch (err) {
        failed = true;
        port.postMessage(failureOf(err));
        port.close();
      }
    });
  });
}
