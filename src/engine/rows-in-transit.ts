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

// Arrays are built by push, never as new Array(n) then filled: a holey array is copied between
// threads index by index, twice as slowly.

interface RowShape {
  /** Where the values that travel stand in the whole row. */
  travelling: number[];
  /** For each place of a whole row: the part it is taken from (-1: the values that travel), and where in it. */
  sourcePart: number[];
  sourceAt: number[];
  /** Where each part's number stands in the whole row. */
  numberAt: number[];
}

const shapes = new Map<InputKind, RowShape | null>();

/** The shape of a kind's rows, made once: every batch asks for it. */
function rowShape(kind: InputKind): RowShape | null {
  let shape = shapes.get(kind);
  if (shape === undefined) shapes.set(kind, (shape = shapeOf(kind)));
  return shape;
}

function shapeOf(kind: InputKind): RowShape | null {
  const refs = ROW_PARTS[kind]?.refs;
  if (!refs) return null;
  const fields = STORED_FIELDS[kind];
  const width = fields.length + 1 + refs.length;
  const sourcePart: number[] = Array(width).fill(-1);
  const sourceAt: number[] = Array(width).fill(0);
  refs.forEach(([, columns], p) => columns.forEach((c, k) => {
    sourcePart[fields.indexOf(c)] = p;
    sourceAt[fields.indexOf(c)] = k;
  }));
  const travelling = [...Array(width).keys()].filter((k) => sourcePart[k] < 0);
  travelling.forEach((k, j) => (sourceAt[k] = j));
  return { travelling, sourcePart, sourceAt, numberAt: refs.map((_, p) => fields.length + 1 + p) };
}

/** Cuts the batch's rows, in place, to the values that travel (the worker's side). */
export function withoutPartColumns(batch: Batch, kind: InputKind): Batch {
  const shape = rowShape(kind);
  if (!shape) return batch;
  const { travelling } = shape;
  // Each value moves towards the front (travelling[j] >= j), and the array is shortened where it is.
  for (const row of batch.rows) {
    for (let j = 0; j < travelling.length; j++) row[j] = row[travelling[j]];
    row.length = travelling.length;
  }
  return batch;
}

/** The batch with its rows whole again, their parts' columns taken from partValues (the receiving side). */
export function withPartColumns(batch: Batch, kind: InputKind): Batch {
  const shape = rowShape(kind);
  if (!shape) return batch;
  const { sourcePart, sourceAt, numberAt } = shape;
  const { partValues } = batch;
  const numberAtCut = numberAt.map((k) => sourceAt[k]);
  const rows: StoredValue[][] = [];
  const parts: StoredValue[][] = [];
  for (const cut of batch.rows) {
    for (let p = 0; p < numberAtCut.length; p++) parts[p] = partValues[cut[numberAtCut[p]] as number];
    const row: StoredValue[] = [];
    for (let k = 0; k < sourcePart.length; k++) row.push(sourcePart[k] < 0 ? cut[sourceAt[k]] : parts[sourcePart[k]][sourceAt[k]]);
    rows.push(row);
  }
  return { ...batch, rows };
}
