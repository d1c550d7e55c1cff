// Certificates as columns, for passing them between threads (see certificates-worker.ts):
// one entry per row in typed arrays and a list of cert numbers; the repeated parts
// (CERT_SELECT's JSON), issue dates and holders once each, referred to by index.

import { Numbering } from '../core/numbering.js';

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
 * is quicker to look up than a longer text of both.
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
