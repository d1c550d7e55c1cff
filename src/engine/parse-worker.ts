// The worker side of parse-in-worker.ts: ingest's parseFile, its events served to the main thread
// with the rows' part columns sent once a part (rows-in-transit.ts).

import { parseFile, type ParseEvent, type ParseOptions } from '../ingest/parse-file.js';
import { withoutPartColumns } from './rows-in-transit.js';
import { serveFromWorker } from './workers.js';

async function* parsedForTransit(options: ParseOptions): AsyncGenerator<ParseEvent> {
  for await (const event of parseFile(options)) yield event.type === 'batch' ? withoutPartColumns(event, options.kind) : event;
}

serveFromWorker((data) => parsedForTransit(data as ParseOptions));
