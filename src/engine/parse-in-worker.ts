// Import parses a file off the main thread (ingest's parseFile, unchanged), so that decoding
// and parsing one file overlap with storing the rows of the last batch.

import type { ResourceLimits } from 'node:worker_threads';
import type { ParseEvent, ParseOptions } from '../ingest/parse-file.js';
import { DataError } from '../core/errors.js';
import { streamFromWorker } from './workers.js';
import { withPartColumns } from './rows-in-transit.js';

/**
 * A bounded heap keeps the parser's garbage from inflating RSS. The parser's memory is bounded by
 * its batch, whatever the file's size or number of distinct values (issue #14): it keeps about
 * 20 MB between batches, and 32 bytes a row outside the heap for R_DUP_ROW (key-hashes.ts).
 */
export const PARSER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 64 };

/** limits: the parser's heap (a test proves the parser works in far less); signal: stops the parse. */
export async function* parseFileInWorker(options: ParseOptions, limits: ResourceLimits = PARSER_LIMITS, signal?: AbortSignal): AsyncGenerator<ParseEvent> {
  const events = streamFromWorker<ParseEvent>(new URL('./parse-worker.js', import.meta.url), options, {
    resourceLimits: limits,
    signal,
    outOfMemory: () => new DataError('file_too_large', { file: options.file }),
  });
  for await (const event of events) yield event.type === 'batch' ? withPartColumns(event, options.kind) : event;
}
