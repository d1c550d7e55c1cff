// The one way skillsub runs work on another core. A worker produces a stream of values, or
// consumes one (a sink: an output file written there while this thread reads the database); the
// side that takes the values acknowledges each (a message, or for a sink a counter both threads
// share, so that a synchronous transaction can wait on it), and the side that gives them waits
// while too many are unacknowledged, so memory stays bounded. One failure policy: whatever goes
// wrong in a worker (an error of its own, a crash, running out of memory, ending early) is thrown
// to the caller as it would have been on the main thread. Nothing falls back silently.

import { MessageChannel, Worker, parentPort, receiveMessageOnPort, workerData, type MessagePort, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { DataError, SkillsubError, UsageError, environmentError, type MessageParams } from '../core/errors.js';

type Message<T> =
  | { type: 'value'; value: T }
  | { type: 'done' }
  | { type: 'fail'; key: string; params: MessageParams; exitCode: 2 | 3 }
  | { type: 'crash'; message: string; stack: string; code?: string; path?: string };

type Failure = Extract<Message<unknown>, { type: 'fail' | 'crash' }>;

/** A worker's failure as the main thread throws it. */
function thrown(message: Failure): Error {
  if (message.type === 'fail') return message.exitCode === 2 ? new UsageError(message.key, message.params) : new DataError(message.key, message.params);
  const err: Error & { code?: string; path?: string } = new Error(message.message);
  err.stack = message.stack || err.stack;
  // The system's code and path (a damaged database, a file that may not be read) go with it, so
  // that main.ts names the failure as it would on this thread instead of calling it a bug.
  if (message.code !== undefined) err.code = message.code;
  if (message.path !== undefined) err.path = message.path;
  return err;
}

/** An error that is not the project's own, as a worker posts it: message, stack, and the system's code and path. */
function crashOf(err: unknown): Failure {
  const e = err as (Error & { code?: unknown; path?: unknown }) | null;
  return {
    type: 'crash', message: e?.message ?? String(err), stack: e?.stack ?? '',
    ...(typeof e?.code === 'string' ? { code: e.code } : {}), ...(typeof e?.path === 'string' ? { path: e.path } : {}),
  };
}

/**
 * An error in a sink's worker as it is posted: the project's own errors and the system's (a full
 * disk while writing an output: with its code and path, as main.ts would have shown it) keep
 * their message key; anything else is a crash.
 */
function failureOf(err: unknown): Failure {
  const known = err instanceof SkillsubError ? err : environmentError(err, '?');
  if (known) return { type: 'fail', key: known.key, params: known.params, exitCode: known.exitCode };
  return crashOf(err);
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
  watch(worker, script, options, push);
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
      if (message.type === 'fail' || message.type === 'crash') throw thrown(message);
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
      else port.postMessage(crashOf(err));
    }
  };
  void run().then(() => port.close());
}

/** The two counters a sink's threads share: values posted and not yet consumed; whether the worker failed. */
const UNCONSUMED = 0;
const FAILED = 1;
/**
 * How long the main thread waits on a worker that consumes nothing and says nothing before giving
 * up on it: a worker that dies without a word (its isolate out of memory) cannot raise the shared
 * flag, and this thread, blocked, hears no event; a disk that stalls for minutes is as good as broken.
 */
const SILENT_WORKER_MS = 300_000;

/**
 * A worker that consumes values (serveSink's side), plain data that JSON keeps. `add` is
 * synchronous, so that a database transaction can hand its rows over as it makes them: it hands
 * one value over and blocks only while MAX_IN_FLIGHT are unconsumed (a counter both threads
 * share, the worker waking this thread as it consumes); `flush` blocks until all are consumed;
 * `finish` waits for the worker to have consumed them all and ended well. Each throws the worker's
 * failure, which the worker posts on a port of its own before it raises the shared flag, so that
 * it can be read at once. Call `abandon` when the values stop coming for a reason of the caller's.
 */
export class WorkerSink<T> {
  private readonly worker: Worker;
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  /** The worker's last word: 'done' or its failure. */
  private readonly verdicts: MessagePort;
  private verdict: { type: 'done' } | Failure | null = null;
  private exited = false;

  constructor(private readonly script: URL, data: unknown, options: WorkerOptions = {}) {
    const { port1, port2 } = new MessageChannel();
    this.verdicts = port1;
    this.worker = new Worker(script, { workerData: { data, shared: this.shared.buffer, verdicts: port2 }, transferList: [port2], resourceLimits: options.resourceLimits });
    this.worker.once('exit', () => (this.exited = true));
    // Ending early, a crash, running out of memory: heard only while this thread waits in finish().
    watch(this.worker, script, options, (failure) => {
      this.takeVerdict();
      this.verdict ??= failure;
    });
  }

  /** The worker's verdict if it has posted one (read at once, whether or not its event has come). */
  private takeVerdict(): void {
    const posted = receiveMessageOnPort(this.verdicts);
    if (posted) this.verdict ??= posted.message as { type: 'done' } | Failure;
  }

  private throwIfFailed(): void {
    if (Atomics.load(this.shared, FAILED) === 1) this.takeVerdict();
    if (this.verdict && this.verdict.type !== 'done') throw thrown(this.verdict);
  }

  /** Blocks while `limit` or more values are unconsumed; throws the worker's failure. */
  private waitBelow(limit: number): void {
    const since = Date.now();
    for (let n = Atomics.load(this.shared, UNCONSUMED); n >= limit; n = Atomics.load(this.shared, UNCONSUMED)) {
      this.throwIfFailed();
      if (Atomics.wait(this.shared, UNCONSUMED, n, 1000) === 'timed-out' && Date.now() - since > SILENT_WORKER_MS) {
        throw new Error(`worker thread ${this.script.pathname} consumed nothing for ${SILENT_WORKER_MS / 1000} s`);
      }
    }
    this.throwIfFailed();
  }

  add(value: T): void {
    this.waitBelow(MAX_IN_FLIGHT);
    Atomics.add(this.shared, UNCONSUMED, 1);
    // One flat string is copied many times faster than a clone of a thousand rows' small strings.
    this.worker.postMessage(JSON.stringify(value));
  }

  /** Blocks until the worker has consumed every value handed over; throws its failure. */
  flush(): void {
    this.waitBelow(1);
  }

  async finish(): Promise<void> {
    this.throwIfFailed();
    this.worker.postMessage(null);
    await new Promise<void>((resolve) => {
      const settle = () => (this.verdict ? resolve() : undefined);
      this.verdicts.on('message', (message: { type: 'done' } | Failure) => {
        this.verdict ??= message;
        settle();
      });
      this.worker.on('exit', settle);
      this.worker.on('error', settle);
      this.takeVerdict();
      settle();
    });
    this.verdicts.close();
    if (this.verdict!.type !== 'done') {
      await this.worker.terminate();
      throw thrown(this.verdict as Failure);
    }
    // It ends by itself once it has said 'done' (its ports closed).
    if (!this.exited) await new Promise((resolve) => this.worker.once('exit', resolve));
  }

  async abandon(): Promise<void> {
    this.verdicts.close();
    await this.worker.terminate();
  }
}

/** What a sink's worker does with the values, one by one, and at their end. */
export interface Consumer<T> {
  add(value: T): void | Promise<void>;
  finish(): void | Promise<void>;
}

/** The worker's side of WorkerSink: each value to `consume(data).add`, counted as consumed, then `finish`, then 'done'. */
export function serveSink<T>(consume: (data: unknown) => Consumer<T>): void {
  const port = parentPort!;
  const { data, shared, verdicts } = workerData as { data: unknown; shared: SharedArrayBuffer; verdicts: MessagePort };
  const counters = new Int32Array(shared);
  let consumer: Consumer<T> | null = null;
  let over = false;
  const end = (verdict: { type: 'done' } | Failure) => {
    over = true;
    verdicts.postMessage(verdict);
    if (verdict.type !== 'done') Atomics.store(counters, FAILED, 1);
    Atomics.notify(counters, UNCONSUMED);
    verdicts.close();
    port.close();
  };
  // Values come in order; each is consumed before the next is taken.
  let queue = Promise.resolve();
  port.on('message', (json: string | null) => {
    queue = queue.then(async () => {
      if (over) return;
      try {
        consumer ??= consume(data);
        if (json === null) {
          await consumer.finish();
          end({ type: 'done' });
        } else {
          await consumer.add(JSON.parse(json) as T);
          Atomics.sub(counters, UNCONSUMED, 1);
          Atomics.notify(counters, UNCONSUMED);
        }
      } catch (err) {
        end(failureOf(err));
      }
    });
  });
}
