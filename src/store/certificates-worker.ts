// Worker thread for `check` (SPEC §6): reads the active certificates on the second core while
// the main thread reads the claims. Sends them as columns (numbers in transferred typed arrays,
// each distinct part's JSON once) with the data mark of its own snapshot, so that the main
// thread uses them only if both snapshots hold the same imports; then, from the same snapshot,
// the certificate numbers two ID numbers share.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CERT_SELECT, SHARED_CERT_NUMBERS, activeRows, dataMark } from './load-data.js';
import { encodeCertificates } from './certificate-columns.js';

const { path } = workerData as { path: string };
const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 10 * 60 * 1000 });
// One snapshot for both messages. The certificates go first: the main thread waits for them; the
// shared numbers are wanted only once the claims have been evaluated.
db.exec('BEGIN');
const columns = encodeCertificates(activeRows(db, 'certificates', CERT_SELECT), dataMark(db));
parentPort!.postMessage(columns, [
  columns.rowIds.buffer, columns.fileIds.buffer, columns.lines.buffer, columns.partIndex.buffer, columns.issueDateIndex.buffer, columns.personIndex.buffer,
]);
parentPort!.postMessage(db.prepare(SHARED_CERT_NUMBERS).pluck().all() as string[]);
db.exec('COMMIT');
db.close();
