// How certificates are read (SPEC §2.2 rows, for §6 step 8 and §7): as columns — one entry per
// row in typed arrays and a list of cert numbers; the repeated parts (CERT_SELECT's JSON), issue
// dates and holders once each, referred to by index. encodeCertificates packs the rows of a
// snapshot (on whichever thread reads them); decodeCertificates makes the core's certificates.

import { Numbering } from '../core/numbering.js';
import type { Certificate } from '../core/decide/types.js';
import type { CertType } from '../core/normalise/enums.js';

/**
 * The select list a certificate is read with. A certificate's columns but its issue date (which
 * changes from row to row more than they do) come as one JSON text, parsed once per distinct text.
 */
export const CERT_SELECT = `id, cert_number, json_array(cert_type, occupation_code, occupation_name, level, issuer), issue_date, id_number, name, file_id, line`;

export interface CertificateColumns {
  /** max(imported_files.id) of the snapshot the rows come from. */
  mark: number;
  rowIds: Float64Array<ArrayBuffer>;
  fileIds: Float64Array<ArrayBuffer>;
  lines: Float64Array<ArrayBuffer>;
  certNumbers: string[];
  partIndex: Uint32Array<ArrayBuffer>;
  issueDateIndex: Uint32Array<ArrayBuffer>;
  personIndex: Uint32Array<ArrayBuffer>;
  parts: string[];
  issueDates: string[];
  /** The distinct holders (ID number and name), side by side. */
  personIds: string[];
  personNames: string[];
}

/** rows: values of CERT_SELECT, in order. */
export function encodeCertificates(rows: Iterable<unknown[]>, mark: number): CertificateColumns {
  const rowIds: number[] = [];
  const fileIds: number[] = [];
  const lines: number[] = [];
  const certNumbers: string[] = [];
  const partIndex: number[] = [];
  const issueDateIndex: number[] = [];
  const personIndex: number[] = [];
  const parts = new Numbering();
  const issueDates = new Numbering();
  const holders = new Holders();
  for (const v of rows) {
    rowIds.push(v[0] as number);
    certNumbers.push(v[1] as string);
    partIndex.push(parts.of(v[2] as string));
    issueDateIndex.push(issueDates.of(v[3] as string));
    personIndex.push(holders.indexOf(v[4] as string, v[5] as string));
    fileIds.push(v[6] as number);
    lines.push(v[7] as number);
  }
  return {
    mark, rowIds: Float64Array.from(rowIds), fileIds: Float64Array.from(fileIds), lines: Float64Array.from(lines), certNumbers,
    partIndex: Uint32Array.from(partIndex), issueDateIndex: Uint32Array.from(issueDateIndex), personIndex: Uint32Array.from(personIndex),
    parts: parts.values, issueDates: issueDates.values, personIds: holders.ids, personNames: holders.names,
  };
}

/**
 * The distinct holders (ID number and name) in the order first seen, as indexes. Found by ID
 * number, then name: a holder's other certificates mostly carry the same name, and an ID number
 * is quicker to look up than a longer text of both. The table lives only while the rows are read.
 */
export class Holders {
  readonly ids: string[] = [];
  readonly names: string[] = [];
  private readonly byId = new Map<string, number | number[]>();

  indexOf(idNumber: string, name: string): number {
    const known = this.byId.get(idNumber);
    if (typeof known === 'number') {
      if (this.names[known] === name) return known;
    } else if (known !== undefined) {
      for (const k of known) if (this.names[k] === name) return k;
    }
    const k = this.ids.length;
    this.ids.push(idNumber);
    this.names.push(name);
    this.byId.set(idNumber, known === undefined ? k : typeof known === 'number' ? [known, k] : [...known, k]);
    return k;
  }
}

interface CertificatePart { certType: CertType; occupationCode: string | null; occupationName: string; level: number | null; issuer: string | null }

/** A certificate as stored: its shared part behind getters, its holder's (shared) strings as fields; its provenance (`file:line`) made only when asked for. */
class StoredCertificate implements Certificate {
  constructor(
    readonly rowId: number, readonly certNumber: string, private readonly part: CertificatePart, readonly issueDate: string,
    readonly idNumber: string, readonly name: string, private readonly file: string, private readonly line: number,
  ) {}
  get certType() { return this.part.certType; }
  get occupationCode() { return this.part.occupationCode; }
  get occupationName() { return this.part.occupationName; }
  get level() { return this.part.level; }
  get issuer() { return this.part.issuer; }
  get source(): string {
    return `${this.file}:${this.line}`;
  }
}

/**
 * A whole number read from a Float64Array as a small integer, when it is one: a field once given a
 * double holds every object's value in a box of its own (16 bytes each, two a certificate).
 */
function small(n: number): number {
  return Number.isInteger(n) && n <= 0x3fffffff && n >= -0x40000000 ? n | 0 : n;
}

/** The certificates of some columns; files: file names by id (a provenance's first half). */
export function decodeCertificates(columns: CertificateColumns, files: ReadonlyMap<number, string>): Certificate[] {
  const parts = columns.parts.map((json): CertificatePart => {
    const v = JSON.parse(json) as unknown[];
    return Object.freeze({
      certType: v[0] as CertType, occupationCode: v[1] as string | null, occupationName: v[2] as string, level: v[3] as number | null, issuer: v[4] as string | null,
    });
  });
  const { rowIds, certNumbers, partIndex, issueDateIndex, personIndex, fileIds, lines, issueDates, personIds, personNames } = columns;
  const certificates: Certificate[] = new Array(rowIds.length);
  for (let k = 0; k < rowIds.length; k++) {
    certificates[k] = new StoredCertificate(
      small(rowIds[k]), certNumbers[k], parts[partIndex[k]], issueDates[issueDateIndex[k]], personIds[personIndex[k]], personNames[personIndex[k]],
      files.get(fileIds[k]) ?? '?', small(lines[k]),
    );
  }
  return certificates;
}
