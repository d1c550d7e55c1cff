// Certificates as columns, for passing them between threads (see certificates-worker.ts): one
// entry per row in typed arrays and a list of cert numbers, and the certificate parts
// (row-parts.ts) the rows refer to, at their ids.

export interface CertificateColumns {
  /** max(imported_files.id) of the snapshot the rows come from. */
  mark: number;
  rowIds: Float64Array<ArrayBuffer>;
  fileIds: Float64Array<ArrayBuffer>;
  lines: Float64Array<ArrayBuffer>;
  certNumbers: string[];
  detailsRefs: Float64Array<ArrayBuffer>;
  personRefs: Float64Array<ArrayBuffer>;
  /** certificate_parts' JSON texts, at their ids. */
  parts: string[];
}

/** rows: values of CERT_SELECT, in order. */
export function encodeCertificates(rows: Iterable<unknown[]>, parts: string[], mark: number): CertificateColumns {
  const rowIds: number[] = [];
  const certNumbers: string[] = [];
  const detailsRefs: number[] = [];
  const personRefs: number[] = [];
  const fileIds: number[] = [];
  const lines: number[] = [];
  for (const v of rows) {
    rowIds.push(v[0] as number);
    certNumbers.push(v[1] as string);
    detailsRefs.push(v[2] as number);
    personRefs.push(v[3] as number);
    fileIds.push(v[4] as number);
    lines.push(v[5] as number);
  }
  return {
    mark, rowIds: Float64Array.from(rowIds), fileIds: Float64Array.from(fileIds), lines: Float64Array.from(lines), certNumbers,
    detailsRefs: Float64Array.from(detailsRefs), personRefs: Float64Array.from(personRefs), parts,
  };
}

/** The buffers to transfer (not copy) with the columns. */
export const transferable = (c: CertificateColumns): ArrayBuffer[] => [c.rowIds.buffer, c.fileIds.buffer, c.lines.buffer, c.detailsRefs.buffer, c.personRefs.buffer];
