// Everything `check` decides on (store/reader.ts), from one snapshot, with the certificates read
// on the second core (certificates-worker.ts) while this thread reads the claims. The worker's
// columns are used only when its snapshot holds the same imports as this one (the data mark);
// otherwise, or for a database in memory, this thread reads them itself, the same way.

import { dialectOf, type Db } from '../store/connection.js';
import type { CertificateColumns } from '../store/certificate-columns.js';
import { decodeCertificates } from '../store/certificate-columns.js';
import { dataMark, fileNames, loadVerdicts, readCatalogue, readCertificateColumns, readClaims } from '../store/reader.js';
import { listsInSnapshot } from '../store/list-columns.js';
import type { CatalogueEntry, Certificate, Claim, OutsideLists } from '../core/decide/types.js';
import type { Verdict } from '../core/check-all.js';
import { streamFromWorker } from './workers.js';

export interface DecisionData {
  claims: Claim[];
  certificates: Certificate[];
  catalogue: CatalogueEntry[];
  /** The outside lists, with the rows of persons who have a claim, read when a rule asks for a kind's (store/list-columns.ts). */
  lists: OutsideLists;
  verdicts: Map<string, Verdict>;
  /** The data mark of the snapshot (see store/reader.ts dataMark). */
  dataMark: number;
  /**
   * Ends the snapshot, which stays open while a list loaded may still be read (once the list rules
   * have run); nothing once ended.
   */
  endSnapshot: () => void;
}

async function certificatesInWorker(path: string): Promise<CertificateColumns> {
  for await (const columns of streamFromWorker<CertificateColumns>(new URL('./certificates-worker.js', import.meta.url), { path })) return columns;
  throw new Error('the certificates worker sent nothing');
}

/** The first claim of each ID number. */
function claimsByIdNumber(claims: readonly Claim[]): Map<string, Claim> {
  const byId = new Map<string, Claim>();
  for (const c of claims) if (!byId.has(c.idNumber)) byId.set(c.idNumber, c);
  return byId;
}

/**
 * A holder's ID number and name as the strings their claims already hold: the worker's strings are
 * copies, and on a city's data most holders are trainees (some 60 bytes a certificate).
 */
function shareHolderStrings(columns: CertificateColumns, byId: ReadonlyMap<string, Claim>): void {
  const { personIds, personNames } = columns;
  for (let k = 0; k < personIds.length; k++) {
    const claim = byId.get(personIds[k]);
    if (claim === undefined) continue;
    personIds[k] = claim.idNumber;
    if (personNames[k] === claim.name) personNames[k] = claim.name;
  }
}

/**
 * SQLite's page cache (32 MB) is not read again until the run is stored (but for a loaded list,
 * whose rows store/list-columns.ts reads when its rules run): its memory goes back while the rows
 * are decided, when the process holds the most.
 */
function shrinkPageCache(db: Db): void {
  if (dialectOf(db) === 'sqlite') db.exec('PRAGMA shrink_memory');
}

/** certificatesElsewhere: reads the certificates on another connection (the worker, unless told). */
export async function readDecisionData(db: Db, certificatesElsewhere = certificatesInWorker): Promise<DecisionData> {
  // A second connection to PostgreSQL would read another snapshot: there this thread reads them.
  const inWorker = db.memory || dialectOf(db) === 'postgres' ? null : certificatesElsewhere(db.name);
  // The worker's failure is thrown where its columns are awaited, or, if this thread failed first
  // (a damaged page read here too), dropped with it, not left to end the process unhandled.
  inWorker?.catch(() => {});
  db.exec('BEGIN');
  let open = true;
  const endSnapshot = () => {
    if (open) {
      db.exec('COMMIT');
      shrinkPageCache(db);
    }
    open = false;
  };
  try {
    const mark = dataMark(db);
    const files = fileNames(db);
    const claims = readClaims(db, files);
    const byId = claimsByIdNumber(claims);
    const lists = listsInSnapshot(db, files, claims);
    const fromWorker = inWorker ? await inWorker : null;
    const columns = fromWorker !== null && fromWorker.mark === mark ? fromWorker : readCertificateColumns(db);
    shareHolderStrings(columns, byId);
    const data = { claims, certificates: decodeCertificates(columns, files), catalogue: readCatalogue(db, files), lists, verdicts: loadVerdicts(db), dataMark: mark, endSnapshot };
    if (lists.loaded.size === 0) endSnapshot();
    else shrinkPageCache(db);
    return data;
  } catch (e) {
    endSnapshot();
    throw e;
  }
}
