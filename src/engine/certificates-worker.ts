// The worker side of snapshot-reader.ts: reads the active certificates as columns on the second
// core, in a snapshot of its own connection, and moves (not copies) the columns' buffers back.

import { openReadOnly } from '../store/database.js';
import { readCertificateColumns } from '../store/reader.js';
import type { CertificateColumns } from '../store/certificate-columns.js';
import { serveFromWorker } from './workers.js';

serveFromWorker<CertificateColumns>(
  function* (data) {
    const { path } = data as { path: string };
    const db = openReadOnly(path);
    try {
      db.exec('BEGIN');
      yield readCertificateColumns(db);
      db.exec('COMMIT');
    } finally {
      db.close();
    }
  },
  (c) => [c.rowIds.buffer, c.fileIds.buffer, c.lines.buffer, c.partIndex.buffer, c.issueDateIndex.buffer, c.personIndex.buffer],
);
