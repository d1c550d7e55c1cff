// SPEC §2: encoding detection (UTF-8 ± BOM, UTF-16 with BOM, GB18030/GBK) and streaming decode.
// Detection reads the first MiB and weighs the evidence: one invalid byte in text that is
// otherwise UTF-8 does not make it GB18030 (issue #15 item 3). A byte that does not decode comes
// out as U+FFFD and the rows holding one are row errors (R_ENCODING, ingest/undecodable.ts), never
// stored; a file detected as UTF-8 that turns out to be mostly invalid later stops with a message
// naming --encoding, so nothing is silently mis-decoded.

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
    // UTF-16 without a BOM shows a NUL beside every ASCII character, and now and then on the other
    // side too: a Chinese character whose low byte is 0 (一 is U+4E00). Anything else with NULs is binary.
    const pairs = Math.min(head.length >> 1, 4096);
    let oddNuls = 0;
    let evenNuls = 0;
    for (let i = 0; i < pairs * 2; i += 2) {
      if (head[i] === 0) evenNuls++;
      if (head[i + 1] === 0) oddNuls++;
    }
    const few = (n: number) => n <= pairs * 0.02;
    if (oddNuls > pairs * 0.3 && few(evenNuls)) return { encoding: 'utf16le', bomLength: 0 };
    if (evenNuls > pairs * 0.3 && few(oddNuls)) return { encoding: 'utf16be', bomLength: 0 };
    throw new DataError('binary_file', { file, byte: nulAt });
  }
  return { encoding: looksLikeGb18030(scanUtf8(head)) && fewerGb18030Errors(head) ? 'gb18030' : 'utf8', bomLength: 0 };
}

/**
 * Whether the sample decodes as GB18030 with fewer undecodable bytes than as UTF-8: a small UTF-8
 * file with a few bad bytes may hold too few characters for looksLikeGb18030's ratio, but its bad
 * bytes are bad in GB18030 too (0xFF never decodes), while a GB18030 file decodes whole.
 */
function fewerGb18030Errors(head: Buffer): boolean {
  // The sample may end inside a character: its last bytes are left out of both counts.
  const whole = head.subarray(0, Math.max(0, head.length - 4));
  const text = iconv.decode(whole, 'gb18030');
  let gbErrors = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) gbErrors++;
  return gbErrors < scanUtf8(whole).invalid;
}

export interface Utf8Scan {
  /** Well-formed multi-byte sequences (non-ASCII characters). */
  valid: number;
  /** Bytes that start no well-formed sequence. */
  invalid: number;
  /** Index of the first invalid byte, or -1. */
  firstInvalid: number;
}

/** Counts well-formed and invalid UTF-8 in bytes; a sequence cut off by the end of `bytes` counts as neither. */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let k = 1;
    while (more > 0 && k <= more && i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80) k++;
    if (more > 0 && k > more) {
      // Overlong three- and four-byte forms and surrogates are not UTF-8 either.
      const second = bytes[i + 1];
      const bad = (c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f);
      if (!bad) {
        valid++;
        i += more + 1;
        continue;
      }
    } else if (more > 0 && i + k >= bytes.length) {
      break; // cut off by the end of the sample
    }
    if (firstInvalid < 0) firstInvalid = i;
    invalid++;
    i++;
  }
  return { valid, invalid, firstInvalid };
}

/**
 * GB18030 text read as UTF-8 has more invalid bytes than accidental well-formed sequences (five
 * to one in the samples, two to one at worst in tests); UTF-8 text with a stray bad byte has
 * tens or hundreds of well-formed characters for each, and even a short UTF-8 file with a few
 * bad bytes has more well-formed characters than bad bytes (four names and four bad bytes are
 * UTF-8). A few bad bytes are never taken for GB18030: the cost of that guess being wrong is row
 * errors that say so, not names garbled.
 */
function looksLikeGb18030({ valid, invalid }: Utf8Scan): boolean {
  return invalid >= 4 && valid < invalid;
}

export interface DecodeProgress {
  bytes: number;
  /** Set once a decoded chunk held U+FFFD: from then on records are checked for it (R_ENCODING). */
  replaced?: boolean;
}

/**
 * Decoded text chunks of a file, from after its BOM. `guessed`: the encoding was detected, not
 * told (--encoding) nor marked (BOM), so text that is mostly invalid in it stops the file.
 */
export async function* decodeFile(path: string, detected: Detected, progress: DecodeProgress = { bytes: 0 }, guessed = false): AsyncGenerator<string> {
  // Chunks of 256 KiB: the records cut from a chunk wait for the parser, and fewer waiting means
  // fewer kept through a garbage collection (a million-row import spends less time collecting).
  const stream = createReadStream(path, { start: detected.bomLength, highWaterMark: 1 << 18 });
  // A NUL byte never belongs in a text export (UTF-16 has them, but never a NUL character).
  const refuseNul = (buf: Buffer, at: number) => {
    const nul = detected.encoding.startsWith('utf16') ? -1 : buf.indexOf(0);
    if (nul >= 0) throw new DataError('binary_file', { file: path, byte: at + nul });
  };
  const noteReplaced = (text: string) => {
    if (!progress.replaced && text.indexOf('\ufffd') >= 0) progress.replaced = true;
  };
  if (detected.encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    for await (const chunk of stream) {
      refuseNul(chunk as Buffer, progress.bytes);
      progress.bytes += (chunk as Buffer).length;
      const text = decoder.write(chunk as Buffer);
      noteReplaced(text);
      yield text;
    }
    const rest = decoder.end();
    if (rest) {
      noteReplaced(rest);
      yield rest;
    }
    return;
  }
  const label = detected.encoding === 'utf8' ? 'utf-8' : detected.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  const decoder = new TextDecoder(label, { ignoreBOM: true });
  let offset = detected.bomLength;
  // Evidence from the chunks that held an undecodable byte (see looksLikeGb18030).
  const evidence = { valid: 0, invalid: 0 };
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    refuseNul(buf, offset);
    progress.bytes += buf.length;
    const text = decoder.decode(buf, { stream: true });
    if (text.indexOf('\u0000') >= 0) throw new DataError('binary_file', { file: path, byte: offset });
    if (text.indexOf('\ufffd') >= 0) {
      progress.replaced = true;
      if (guessed && detected.encoding === 'utf8') {
        const scan = scanUtf8(buf);
        evidence.valid += scan.valid;
        evidence.invalid += scan.invalid;
        if (looksLikeGb18030({ ...evidence, firstInvalid: -1 })) {
          throw new DataError('bad_utf8', { file: path, byte: offset + Math.max(0, scan.firstInvalid) });
        }
      }
    }
    yield text;
    offset += buf.length;
  }
  const rest = decoder.decode();
  if (rest) {
    noteReplaced(rest);
    yield rest;
  }
}
