// The worker side of store/postgres/database.ts: one node-postgres connection, answering the
// store's statements one at a time (blocking-worker.ts). Values come back as the store reads
// them from SQLite: bigint (int8) and the numeric of sum() as exact integers — parsed as
// integers, never through a float, and refused beyond 2^53 — and JSON as its text.

import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { serveBlocking } from './blocking-worker.js';
import type { PgAnswer, PgRequest } from '../store/postgres/protocol.js';

function exactInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`the database returned ${text}, beyond the integers JavaScript holds exactly`);
  return n;
}

const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, exactInteger);
types.setTypeParser(pg.types.builtins.NUMERIC, (text: string) => (/^-?\d+$/.test(text) ? exactInteger(text) : Number(text)));
types.setTypeParser(pg.types.builtins.JSON, (text: string) => text);
types.setTypeParser(pg.types.builtins.JSONB, (text: string) => text);

let client: pg.Client | null = null;
let broken: Error | null = null;

async function connection(url: string): Promise<pg.Client> {
  if (broken) throw broken;
  if (client) return client;
  const c = new pg.Client({ connectionString: url, types, application_name: 'skillsub' });
  c.on('error', (err) => (broken = err));
  await c.connect();
  client = c;
  return c;
}

serveBlocking(async (request, data) => {
  const req = request as PgRequest;
  const { url } = data as { url: string };
  if (req.op === 'close') {
    const c = client;
    client = null;
    await c?.end();
    return null;
  }
  const c = await connection(url);
  if (req.op === 'exec') {
    await c.query(req.text);
    return null;
  }
  if (req.op === 'copy') {
    const stream = c.query(copyFrom(req.text));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength));
    });
    return { rows: [], rowCount: Number(stream.rowCount ?? 0) } satisfies PgAnswer;
  }
  const config = { text: req.text, values: req.values, name: req.name };
  const result = req.array ? await c.query({ ...config, rowMode: 'array' }) : await c.query(config);
  return { rows: result.rows, rowCount: result.rowCount ?? 0 } satisfies PgAnswer;
});
