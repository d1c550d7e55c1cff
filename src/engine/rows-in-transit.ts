// How a batch of parsed rows crosses from the parser's thread to the writer's. A roster row's
// parts (its class, its circumstances: ingest/row-parts.ts) repeat from row to row, a class's
// ten values for each of its twenty to sixty trainees; copying a value between threads costs as
// much as making it, so a row travels with its parts' columns empty (null) and the batch carries
// each part's values once (partValues), which the receiving side puts back in every row.
//
// The values put back are the ones the row had: the parser gives two rows the same part number
// only when their parts' values are the same (their texts, which tell apart every value the
// normaliser makes, are equal).

import type { ParseEvent } from '../ingest/parse-file.js';
import type { InputKind } from '../ingest/columns.js';
import { ROW_PARTS, STORED_FIELDS, type StoredValue } from '../ingest/stored-form.js';

type Batch = Extract<ParseEvent, { type: 'batch' }>;

/** For each part of the kind: where its number stands in a row, and where its columns stand. */
function partPlaces(kind: InputKind): { numberAt: number; columnsAt: number[] }[] {
  const fields = STORED_FIELDS[kind];
  // A row holds its stored fields, then its line, then its parts' numbers.
  return (ROW_PARTS[kind]?.refs ?? []).map(([, columns], k) => ({ numberAt: fields.length + 1 + k, columnsAt: columns.map((c) => fields.indexOf(c)) }));
}

/** Empties the batch's rows' part columns, before the batch is posted (the worker's side). */
export function emptyPartColumns(batch: Batch, kind: InputKind): Batch {
  const places = partPlaces(kind);
  if (places.length === 0) return batch;
  for (const row of batch.rows) {
    for (const { columnsAt } of places) for (const at of columnsAt) row[at] = null;
  }
  return batch;
}

/** Puts each row's part columns back from the batch's partValues (the receiving side). */
export function refillPartColumns(batch: Batch, kind: InputKind): Batch {
  const places = partPlaces(kind);
  if (places.length === 0) return batch;
  const { partValues } = batch;
  for (const row of batch.rows) {
    for (const { numberAt, columnsAt } of places) {
      const values: StoredValue[] = partValues[row[numberAt] as number];
      for (let k = 0; k < columnsAt.length; k++) row[columnsAt[k]] = values[k];
    }
  }
  return batch;
}
