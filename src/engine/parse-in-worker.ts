// Import parses a file off the main thread (ingest's parseFile, unchanged), so that decoding
// and parsing one file overlap with storing the rows of the last batch.

import type { ParseEvent, ParseOptions } from '../ingest/parse-file.js';
import { DataError } from '../core/errors.js';
import { streamFromWorker } from './workers.js';

export function parseFileInWorker(options: ParseOptions): AsyncGenerator<ParseEvent> {
  return streamFromWorker<ParseEvent>(new URL('./parse-worker.js', import.meta.url), options, {
    // A bounded heap keeps the parser's garbage from inflating RSS; a file too large for it is the user's to split.
    resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 64 },
    outOfMemory: () => new DataError('file_too_large', { file: options.file }),
  });
}
