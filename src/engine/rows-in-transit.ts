// How a batch of parsed rows crosses from the parser's thread to the writer's. A roster row's
// parts (its class, its circumstances: ingest/row-parts.ts) repeat from row to row, a class's
// ten values for each of its twenty to sixty trainees; copying a value between threads costs as
// much as making it, so a row travels without its parts' columns, and the batch carries each
// part's values once (partValues), from which the receiving side makes the whole row again.
//
// The values put back are the ones the row had: the parser gives two rows the same part number
// only when their parts' values are the same (their texts, which tell apart every value the
// normaliser makes, are equal).

import type { ParseEvent } from '../ingest/parse-file.js';
import type { InputKind } from '../ingest/columns.js';
import { ROW_PARTS, STORED_FIELDS, type StoredValue } from '../ingest/stored-form.js';

type Batch = Extract<ParseEvent, { type: 'batch' }>;

interface RowShape {
  /** A whole row's length: its stored fields, its line, its parts' numbers. */
  width: number;
  /** Where the values that travel stand in the whole row. */
  travelling: number[];
  /** For each part: where its number stands in the whole row, and where its columns stand. */
  parts: { numberAt: number; columnsAt: number[] }[];
}

function rowShape(kind: InputKind): RowShape | null {
  const refs = ROW_PARTS[kind]?.refs;
  if (!refs) return null;
  const fields = STORED_FIELDS[kind];
  const width = fields.length + 1 + refs.length;
  const parts = refs.map(([, columns], k) => ({ numberAt: fields.length + 1 + k, columnsAt: columns.map((c) => fields.indexOf(c)) }));
  const inParts = new Set(parts.flatMap((p) => p.columnsAt));
  return { width, parts, travelling: [...Array(width).keys()].filter((k) => !inParts.has(k)) };
}

/** The batch with its rows cut to the values that travel (the worker's side). */
export function withoutPartColumns(batch: Batch, kind: InputKind): Batch {
  const shape = rowShape(kind);
  if (!shape) return batch;
  const { travelling } = shape;
  const rows: StoredValue[][] = new Array(batch.rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = batch.rows[i];
    const cut: StoredValue[] = new Array(travelling.length);
    for (let j = 0; j < travelling.length; j++) cut[j] = row[travelling[j]];
    rows[i] = cut;
  }
  return { ...batch, rows };
}

/** The batch with its rows whole again, their parts' columns taken from partValues (the receiving side). */
export function withPartColumns(batch: Batch, kind: InputKind): Batch {
  const shape = rowShape(kind);
  if (!shape) return batch;
  const { width, travelling, parts } = shape;
  const { partValues } = batch;
  const rows: StoredValue[][] = new Array(batch.rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cut = batch.rows[i];
    const row: StoredValue[] = new Array(width);
    for (let j = 0; j < travelling.length; j++) row[travelling[j]] = cut[j];
    for (const { numberAt, columnsAt } of parts) {
      const values = partValues[row[numberAt] as number];
      for (let k = 0; k < columnsAt.length; k++) row[columnsAt[k]] = values[k];
    }
    rows[i] = row;
  }
  return { ...batch, rows };
}
