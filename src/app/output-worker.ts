// An output file written on another core while this thread reads the database: the CLI hands its
// rows to a worker thread (engine/workers.ts's sink) that runs the CLI's own renderer and writes
// the file. The CLI reaches the engine through app (README "How the code is organised").

export { WorkerSink, serveSink, type Consumer } from '../engine/workers.js';
