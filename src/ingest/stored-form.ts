// The stored form of an imported row (SPEC §2): the columns each kind stores and their order, and
// a roster row's parts — its class and its circumstances, stored once (row-parts.ts) and referred to.
// The normaliser, the parser's part numbering, the importer's INSERT and the reader of claims all
// take the order from here.

import type { InputKind } from './columns.js';

export type StoredValue = string | number | null;

/** Stored column order per kind; `line` is appended by the reader. */
export const STORED_FIELDS: Record<InputKind, readonly string[]> = {
  roster: [
    'claim_id', 'class_id', 'institution_name', 'institution_code', 'training_type', 'project_based',
    'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date', 'hours', 'attendance',
    'name', 'id_number', 'phone', 'categories', 'household', 'employer_name', 'employer_code',
    'insured', 'months', 'claimed_amount_fen',
  ],
  certificates: [
    'cert_number', 'cert_type', 'name', 'id_number', 'occupation_code', 'occupation_name', 'level',
    'issue_date', 'issuer',
  ],
  institutions: ['institution_code', 'institution_name', 'valid_from', 'valid_to'],
  list: ['list_kind', 'id_number', 'name', 'from_date', 'to_date', 'employer_code', 'employer_name'],
};

export interface PartsOfKind {
  table: 'roster_parts';
  /** Each reference column and the columns of its part, in the order the parser appends the numbers. */
  refs: readonly (readonly [string, readonly string[]])[];
}

export const ROW_PARTS: Partial<Record<InputKind, PartsOfKind>> = {
  roster: {
    table: 'roster_parts',
    refs: [
      ['class_ref', ['class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date']],
      ['circumstances_ref', ['categories', 'household', 'employer_name', 'employer_code', 'insured']],
    ],
  },
};

/** Where each column of a part stands in the part's values (its JSON array). */
export function partPositions(kind: InputKind, ref: string): Record<string, number> {
  const columns = ROW_PARTS[kind]?.refs.find(([column]) => column === ref)?.[1];
  if (!columns) throw new Error(`no part ${ref} for ${kind}`);
  return Object.fromEntries(columns.map((column, k) => [column, k]));
}
