// SPEC §9: a CSV output file of a long list made on both cores. The list is read in ranges, each
// on a database connection: this thread makes the even ranges' lines, a worker thread (on a
// read-only connection of its own) the odd ones', and this thread writes them all in order. Both
// make them with csv.ts, the one CSV renderer, from the same function of a range; the worker is
// at most a few ranges ahead (engine/workers.ts), so memory is bounded by a range, not the list.
// Only for lists no write can change between the two connections' reads: a stored run's.

import type { Db } from '../../app/database.js';
import { openReadOnly } from '../../app/database.js';
import { serveFromWorker, streamFromWorker } from '../../app/output-worker.js';
import type { Context } from '../context.js';
import { writeAll, namedAfter } from '../output-file.js';
import { csvHeader } from './csv.js';
import { hintAtIdNumbers, type Column } from './output.js';

/** A list's lines, range by range, from a connection; `job` is plain data (the worker gets a copy). */
export type RangeLines<Job> = (db: Db, job: Job, range: number) => Iterable<string>;

export interface RangedCsv<Job> {
  job: Job;
  /** How many ranges the list is read in. */
  ranges: number;
  lines: RangeLines<Job>;
  /** The database file the worker opens (the same as this thread's). */
  path: string;
  /** The worker's script: serveRanges with the same `lines`. */
  worker: URL;
}

/** Text is written in pieces of about this many UTF-16 units. */
const WRITE_UNITS = 1 << 20;

/** Writes the list to `out` (0600, put in place only once whole: Context.openFile). */
export async function writeCsvInRanges<Job>(ctx: Context, db: Db, columns: readonly Column[], out: string, list: RangedCsv<Job>): Promise<void> {
  const file = ctx.openFile(out);
  const write = (text: string | Uint8Array) => {
    try {
      writeAll(file.fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength));
    } catch (err) {
      throw namedAfter(err, file.path);
    }
  };
  const fromWorker = list.ranges > 1 ? streamFromWorker<Uint8Array>(list.worker, { path: list.path, job: list.job, ranges: list.ranges }) : null;
  // Each range is asked for ahead, so that the worker works while this thread makes its own; a
  // failure of the worker is thrown where the range is awaited, or, if this thread failed first,
  // dropped with the worker (not left to end the process as an unhandled rejection).
  const ask = () => {
    const asked = fromWorker!.next();
    asked.catch(() => {});
    return asked;
  };
  let next = fromWorker ? ask() : undefined;
  let any = false;
  try {
    write(csvHeader(columns.map((c) => (ctx.lang === 'zh' ? c.zh : c.en))));
    for (let range = 0; range < list.ranges; range++) {
      if (range % 2 === 1) {
        const made = await next!;
        if (made.done) throw new Error(`the worker ${list.worker.pathname} ended before range ${range}`);
        next = ask();
        if (made.value.byteLength > 0) any = true;
        write(made.value);
        continue;
      }
      let pending = '';
      for (const lines of list.lines(db, list.job, range)) {
        pending += lines;
        if (pending.length >= WRITE_UNITS) {
          write(pending);
          pending = '';
        }
        any = true;
      }
      if (pending) write(pending);
    }
    if (fromWorker) {
      const end = await next!;
      if (!end.done) throw new Error(`the worker ${list.worker.pathname} made more ranges than ${list.ranges}`);
    }
  } catch (err) {
    await fromWorker?.return(undefined);
    file.abandon();
    throw err;
  }
  file.commit();
  if (any) hintAtIdNumbers(ctx, columns, out);
}

/** The worker's side: the odd ranges' lines, each range as one piece of UTF-8 moved (not copied) to the main thread. */
export function serveRanges<Job>(lines: RangeLines<Job>): void {
  serveFromWorker<Uint8Array>(
    function* (data) {
      const { path, job, ranges } = data as { path: string; job: Job; ranges: number };
      const db = openReadOnly(path);
      try {
        const encoder = new TextEncoder();
        for (let range = 1; range < ranges; range += 2) yield encoder.encode([...lines(db, job, range)].join(''));
      } finally {
        db.close();
      }
    },
    (bytes) => [bytes.buffer as ArrayBuffer],
  );
}
