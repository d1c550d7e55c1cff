// Everything `check` decides on (store/reader.ts), from one snapshot, with the certificates read
// on the second core (certificates-worker.ts) while this thread reads the claims. The worker's
// columns are used only when its snapshot holds the same imports as this one (the data mark);
// otherwise, or for a database in memory, this thread reads them itself, the same way.

import { dialectOf, type Db } from '../store/connection.js';
import type { CertificateColumns } from '../store/certificate-columns.js';
import { decodeCertificates } from '../store/certificate-columns.js';
import { dataMark, fileNames, loadVerdicts, readCatalogue, readCertificateColumns, readClaims, readListRows } from '../store/reader.js';
import type { CatalogueEntry, Certificate, Claim, OutsideLists } from '../core/decide/types.js';
import type { Verdict } from '../core/check-all.js';
import { streamFromWorker } from './workers.js';

export interface DecisionData {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  /** The outside lists, with the rows of persons who have a claim. */
  lists: OutsideLists;
  verdicts: Map<string, Verdict>;
  /** The data mark of the snapshot (see store/reader.ts dataMark). */
  dataMark: number;
}

async function certificatesInWorker(path: string): Promise<CertificateColumns> {
  for await (const columns of streamFromWorker<CertificateColumns>(new URL('./certificates-worker.js', import.meta.url), { path })) return columns;
  throw new Error('the certificates worker sent nothing');
}

/** The claims' ID numbers, each as the one string its claims hold; made when a list row first asks. */
function idNumbersOf(claims: readonly Claim[]): (idNumber: string) => string | undefined {
  let ids: Map<string, string> | null = null;
  return (id) => {
    if (ids === null) {
      ids = new Map<string, string>();
      for (const c of claims) if (!ids.has(c.idNumber)) ids.set(c.idNumber, c.idNumber);
    }
    return ids.get(id);
  };
}

/** certificatesElsewhere: reads the certificates on another connection (the worker, unless told). */
export async function readDecisionData(db: Db, certificatesElsewhere = certificatesInWorker): Promise<DecisionData> {
  // A second connection to PostgreSQL would read another snapshot: there this thread reads them.
  const inWorker = db.memory || dialectOf(db) === 'postgres' ? null : certificatesElsewhere(db.name);
  db.exec('BEGIN');
  try {
    const mark = dataMark(db);
    const files = fileNames(db);
    const claims = readClaims(db, files);
    const lists = readListRows(db, files, idNumbersOf(claims));
    const fromWorker = inWorker ? await inWorker : null;
    const columns = fromWorker !== null && fromWorker.mark === mark ? fromWorker : readCertificateColumns(db);
    return { claims, certificates: decodeCertificates(columns, files), catalogue: readCatalogue(db, files), lists, verdicts: loadVerdicts(db), dataMark: mark };
  } finally {
    db.exec('COMMIT');
  }
}
