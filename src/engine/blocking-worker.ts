// Calling asynchronous work synchronously: the caller posts a request to a worker thread and
// sleeps on a shared word (Atomics.wait) until the worker has posted the answer and woken it,
// then takes the answer off the port (receiveMessageOnPort), as the library synckit does. The
// store stays synchronous over a client that is not (PostgreSQL's, SPEC §11). One failure policy:
// an error in the worker is thrown to the caller with its message and code; a worker that dies
// wakes the caller with that error, so nothing waits forever.

import { MessageChannel, Worker, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

type Answer = { ok: true; value: unknown } | { ok: false; error: Record<string, unknown> & { message: string } };

export interface BlockingChannel {
  /** Sends a request and waits for its answer; an error answer is thrown. */
  call<T>(request: unknown): T;
  close(): void;
}

const WAITING = 0;
const ANSWERED = 1;

/** Starts `script` (which calls serveBlocking) with `data`. */
export function startBlockingWorker(script: URL, data: unknown): BlockingChannel {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { data, signal, port: port2 }, transferList: [port2] });
  // The worker never keeps the process alive: a command that ends closes its connection anyway.
  worker.unref();
  port1.unref();
  let dead: Error | null = null;
  worker.on('error', (err) => (dead = err));
  return {
    call<T>(request: unknown): T {
      if (dead) throw dead;
      Atomics.store(signal, 0, WAITING);
      port1.postMessage(request);
      for (;;) {
        Atomics.wait(signal, 0, WAITING, 1000);
        const received = receiveMessageOnPort(port1);
        if (received) {
          const answer = received.message as Answer;
          if (answer.ok) return answer.value as T;
          throw Object.assign(new Error(answer.error.message), answer.error);
        }
        // No answer yet: still working, unless the thread is gone.
        if (worker.threadId === -1) throw dead ?? new Error(`worker thread ${script.pathname} ended without an answer`);
      }
    },
    close(): void {
      port1.close();
      void worker.terminate();
    },
  };
}

/** The worker's side: answers each request with what `handle` resolves to, or the error it throws. */
export function serveBlocking(handle: (request: unknown, data: unknown) => Promise<unknown>): void {
  const { data, signal, port } = workerData as { data: unknown; signal: Int32Array; port: MessagePort };
  const answer = (a: Answer) => {
    port.postMessage(a);
    Atomics.store(signal, 0, ANSWERED);
    Atomics.notify(signal, 0);
  };
  port.on('message', (request: unknown) => {
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
    );
  });
}
