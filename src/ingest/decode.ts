// SPEC §2: encoding detection (UTF-8 ± BOM, UTF-16 with BOM, GB18030/GBK) and streaming decode.
// Detection reads the first MiB; a UTF-8 file that turns out invalid later stops with a
// message naming --encoding, so nothing is silently mis-decoded.

import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import iconv from 'iconv-lite';
import { DataError } from '../core/errors.js';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['utf8', 'gb18030', 'utf16le'];

export interface Detected {
  encoding: Encoding;
  bomLength: number;
}

const SAMPLE_BYTES = 1 << 20;

export function readHead(path: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function detectEncoding(head: Buffer, file: string, override?: Encoding): Detected {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: override ?? 'utf8', bomLength: 3 };
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: override ?? 'utf16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: override ?? 'utf16be', bomLength: 2 };
  if (override) return { encoding: override, bomLength: 0 };
  const nulAt = head.indexOf(0);
  if (nulAt >= 0) {
    // UTF-16 without a BOM shows a NUL beside every ASCII character; anything else with NULs is binary.
    const pairs = Math.min(head.length >> 1, 4096);
    let oddNuls = 0;
    let evenNuls = 0;
    for (let i = 0; i < pairs * 2; i += 2) {
      if (head[i] === 0) evenNuls++;
      if (head[i + 1] === 0) oddNuls++;
    }
    if (oddNuls > pairs * 0.3 && evenNuls === 0) return { encoding: 'utf16le', bomLength: 0 };
    if (evenNuls > pairs * 0.3 && oddNuls === 0) return { encoding: 'utf16be', bomLength: 0 };
    throw new DataError('binary_file', { file, byte: nulAt });
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** Decoded text chunks of a file, from after its BOM. */
export async function* decodeFile(path: string, detected: Detected, progress = { bytes: 0 }): AsyncGenerator<string> {
  const stream = createReadStream(path, { start: detected.bomLength, highWaterMark: 1 << 20 });
  // A NUL byte never belongs in a text export (UTF-16 has them, but never a NUL character).
  const refuseNul = (buf: Buffer, at: number) => {
    const nul = detected.encoding.startsWith('utf16') ? -1 : buf.indexOf(0);
    if (nul >= 0) throw new DataError('binary_file', { file: path, byte: at + nul });
  };
  if (detected.encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    for await (const chunk of stream) {
      refuseNul(chunk as Buffer, progress.bytes);
      progress.bytes += (chunk as Buffer).length;
      yield decoder.write(chunk as Buffer);
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const label = detected.encoding === 'utf8' ? 'utf-8' : detected.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  const decoder = new TextDecoder(label, { fatal: detected.encoding === 'utf8', ignoreBOM: true });
  let offset = detected.bomLength;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    refuseNul(buf, offset);
    progress.bytes += buf.length;
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      throw new DataError('bad_utf8', { file: path, byte: offset });
    }
    if (text.indexOf('\u0000') >= 0) throw new DataError('binary_file', { file: path, byte: offset });
    yield text;
    offset += buf.length;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new DataError('bad_utf8', { file: path, byte: offset });
  }
}
