// engine/workers.ts's sink: values handed to a worker synchronously and in order, and the
// one failure policy — what goes wrong in the worker is thrown to the caller as it would have been
// on this thread (the project's errors with their key, a system error with its code), from the
// next add, from flush, or from finish. No timing is asserted.

import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/cli.js';
import { WorkerSink } from '../../dist/engine/workers.js';
import { DataError } from '../../dist/core/errors.js';

const WORKERS = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'engine', 'workers.js')).href;
const ERRORS = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'core', 'errors.js')).href;

/** A worker script that appends each value to the file it is given, and fails as `failAt` says. */
function consumerScript(dir: string): URL {
  const path = join(dir, 'consumer.mjs');
  writeFileSync(path, `
import { appendFileSync } from 'node:fs';
import { serveSink } from '${WORKERS}';
import { DataError } from '${ERRORS}';
serveSink((data) => {
  let n = 0;
  return {
    add(value) {
      n++;
      if (data.failAt === n) throw new DataError('env_disk_full', { path: data.file, code: 'ENOSPC' });
      if (data.crashAt === n) throw new TypeError('a bug in the consumer');
      appendFileSync(data.file, JSON.stringify(value) + '\\n');
    },
    finish() {
      if (data.failAt === 'finish') { const e = new Error('no space'); e.code = 'ENOSPC'; e.syscall = 'write'; e.path = data.file; throw e; }
      appendFileSync(data.file, 'end\\n');
    },
  };
});
`);
  return pathToFileURL(path);
}

describe('a worker that consumes values (WorkerSink)', () => {
  it('hands 1,000 values over in order and finishes once the worker has consumed them all', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    const sink = new WorkerSink<[number, string | null]>(consumerScript(dir), { file });
    for (let k = 0; k < 1000; k++) sink.add([k, k % 2 ? `行${k}` : null]);
    sink.flush();
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(1001);
    await sink.finish();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[999]).toBe('[999,"行999"]');
    expect(lines[1000]).toBe('end');
  });

  it('throws the worker\'s own error, with its key, from flush when a value fails', async () => {
    const dir = tempDir();
    const sink = new WorkerSink<number>(consumerScript(dir), { file: join(dir, 'out.txt'), failAt: 2 });
    sink.add(1);
    sink.add(2);
    let thrown: unknown = null;
    try {
      sink.flush();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DataError);
    expect((thrown as DataError).key).toBe('env_disk_full');
    // and from every add after it, until the caller abandons the worker
    expect(() => sink.add(3)).toThrow(DataError);
    await sink.abandon();
  });

  it('throws a system error of the worker\'s finish as main.ts would show it, and a bug as a crash with its message', async () => {
    const dir = tempDir();
    const atEnd = new WorkerSink<number>(consumerScript(dir), { file: join(dir, 'a.txt'), failAt: 'finish' });
    atEnd.add(1);
    await expect(atEnd.finish()).rejects.toMatchObject({ key: 'env_disk_full', params: { code: 'ENOSPC', path: join(dir, 'a.txt') } });
    const bug = new WorkerSink<number>(consumerScript(dir), { file: join(dir, 'b.txt'), crashAt: 1 });
    bug.add(1);
    await expect(bug.finish()).rejects.toThrow('a bug in the consumer');
  });
});
