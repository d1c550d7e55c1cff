// Calling asynchronous work synchronously: the caller posts a request to a worker thread and
// sleeps on a shared counter (Atomics.wait) until the worker has posted the answer and counted it,
// then takes the answer off the port (receiveMessageOnPort), as the library synckit does. The
// store stays synchronous over a client that is not (PostgreSQL's, SPEC §11). A request may also
// be sent without waiting (a bulk load's rows, while the caller reads the next ones): the worker
// answers requests one at a time in the order sent, and the next call takes the answers of the
// requests sent before its own. One failure policy: an error in the worker is thrown to the
// caller with its message and code — a sent request's error by the next call, before that call's
// own answer; a worker that dies wakes the caller with that error, so nothing waits forever.

import { MessageChannel, Worker, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

type Answer = { ok: true; value: unknown } | { ok: false; error: Record<string, unknown> & { message: string } };

export interface BlockingChannel {
  /** Sends a request and waits for its answer; an error answer (its own or a sent request's) is thrown. */
  call<T>(request: unknown, transfer?: ArrayBuffer[]): T;
  /**
   * Sends a request without waiting: its answer is taken, and its error thrown, by the next call.
   * transfer: buffers of the request moved to the worker rather than copied (unusable here after).
   */
  send(request: unknown, transfer?: ArrayBuffer[]): void;
  close(): void;
}

/** Starts `script` (which calls serveBlocking) with `data`. */
export function startBlockingWorker(script: URL, data: unknown): BlockingChannel {
  // The number of answers the worker has posted.
  const answered = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { data, signal: answered, port: port2 }, transferList: [port2] });
  // The worker never keeps the process alive: a command that ends closes its connection anyway.
  worker.unref();
  port1.unref();
  let dead: Error | null = null;
  worker.on('error', (err) => (dead = err));
  let taken = 0;
  let unanswered = 0;

  const next = (): Answer => {
    for (;;) {
      Atomics.wait(answered, 0, taken, 1000);
      const received = receiveMessageOnPort(port1);
      if (received) {
        taken++;
        return received.message as Answer;
      }
      // No answer yet: still working, unless the thread is gone.
      if (worker.threadId === -1) throw dead ?? new Error(`worker thread ${script.pathname} ended without an answer`);
    }
  };
  const thrown = (answer: Answer & { ok: false }) => Object.assign(new Error(answer.error.message), answer.error);

  return {
    call<T>(request: unknown, transfer: ArrayBuffer[] = []): T {
      if (dead) throw dead;
      port1.postMessage(request, transfer);
      let failed: (Answer & { ok: false }) | null = null;
      for (; unanswered > 0; unanswered--) {
        const answer = next();
        if (!answer.ok) failed ??= answer;
      }
      const answer = next();
      if (failed) throw thrown(failed);
      if (answer.ok) return answer.value as T;
      throw thrown(answer);
    },
    send(request: unknown, transfer: ArrayBuffer[] = []): void {
      if (dead) throw dead;
      port1.postMessage(request, transfer);
      unanswered++;
    },
    close(): void {
      port1.close();
      void worker.terminate();
    },
  };
}

/** The worker's side: answers each request, in the order received, with what `handle` resolves to, or the error it throws. */
export function serveBlocking(handle: (request: unknown, data: unknown) => Promise<unknown>): void {
  const { data, signal, port } = workerData as { data: unknown; signal: Int32Array; port: MessagePort };
  const answer = (a: Answer) => {
    port.postMessage(a);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: unknown) => {
    queue = queue.then(() =>
      handle(request, data).then(
        (value) => answer({ ok: true, value }),
        (err: unknown) => {
          const e = err as Record<string, unknown> & { message?: string };
          const error: Record<string, unknown> & { message: string } = { message: String(e?.message ?? err) };
          for (const key of ['code', 'detail', 'hint', 'where', 'constraint', 'table', 'column', 'stack']) {
            if (e && typeof e[key] === 'string') error[key] = e[key];
          }
          answer({ ok: false, error });
        },
      ),
    );
  });
}
