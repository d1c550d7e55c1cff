// An import starts parsing a file while it hashes it; when the hash says the file was imported
// before, the parse is stopped at once, without waiting for the parser's first rows.

import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parseFileInWorker } from '../../dist/engine/parse-in-worker.js';

const ROSTER = fileURLToPath(new URL('../../samples/roster-jiefangbei-center.csv', import.meta.url));

describe('stopping a parse', () => {
  it('ends the events as soon as the parse is stopped, while the first is still awaited', async () => {
    const stop = new AbortController();
    const events = parseFileInWorker({ path: ROSTER, file: 'roster.csv', kind: 'roster' }, undefined, stop.signal);
    const first = events.next();
    stop.abort();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('gives every event of a parse that is not stopped', async () => {
    const stop = new AbortController();
    const types: string[] = [];
    for await (const event of parseFileInWorker({ path: ROSTER, file: 'roster.csv', kind: 'roster' }, undefined, stop.signal)) types.push(event.type);
    expect(types[0]).toBe('header');
    expect(types.slice(1).every((t) => t === 'batch')).toBe(true);
    expect(types.length).toBeGreaterThan(1);
  });
});
