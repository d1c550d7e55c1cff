// Issue #20 item 8: what `skillsub help columns` prints comes from the tables the import itself
// reads (ingest/columns.ts), so the help can never drift from the product.

export { COLUMNS, VERDICT_COLUMNS, INPUT_KINDS, type ColumnSpec, type InputKind } from '../ingest/columns.js';
