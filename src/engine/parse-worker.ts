// The worker side of parse-in-worker.ts: ingest's parseFile, its events served to the main thread.

import { parseFile, type ParseOptions } from '../ingest/parse-file.js';
import { serveFromWorker } from './workers.js';

serveFromWorker((data) => parseFile(data as ParseOptions));
