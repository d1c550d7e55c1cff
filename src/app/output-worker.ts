// An output file written on another core while this thread reads the database: the CLI hands its
// rows to a worker thread (engine/workers.ts's sink) that runs the CLI's own renderer and writes
// the file, or a worker reads part of a list itself on a connection of its own and hands back its
// text (a stream). The CLI reaches the engine through app (README "How the code is organised").

export { WorkerSink, serveSink, streamFromWorker, serveFromWorker, type Consumer } from '../engine/workers.js';
