// What reaches a terminal (issue #15 items 7 and 12): text from the input may hold escape
// sequences (clear the screen, retitle the window, fake a hyperlink) and bidi overrides that
// reorder what is shown; they are shown escaped (`\u001b`), never sent raw. Messages on stderr
// also mask every ID-like value and echo at most ~200 characters of a value. Stored values and
// data outputs (CSV, JSON, XLSX) are left as received.

import { maskIdNumber } from '../../core/normalise/id-number.js';

// C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings/overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_CELL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters and bidi overrides shown escaped; a table cell also loses tabs and newlines. */
export function terminalSafe(text: string, options: { cell?: boolean } = {}): string {
  return text.replace(options.cell ? UNSAFE_IN_CELL : UNSAFE, escape);
}

// 15 to 18 digits, ASCII or full-width, the last perhaps X, with single spaces or hyphens between.
const ID_LIKE = /(?<![0-9０-９])(?:[0-9０-９][ \u3000-]?){14,17}[0-9０-９XxＸｘ](?![0-9０-９XxＸｘ])/g;

/** Every ID-like value masked to its first 6 and last 4 characters (SPEC §1's messages). */
export function maskIdLike(text: string): string {
  return text.replace(ID_LIKE, (found) => {
    const plain = found.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
    return plain.length === 15 || plain.length === 18 ? maskIdNumber(plain) : '*'.repeat(plain.length);
  });
}

/** A message for stderr: ID-like values masked, control characters escaped. */
export function messageSafe(text: string): string {
  return terminalSafe(maskIdLike(text));
}

/** How much of one value a message echoes. */
export const ECHOED_CHARS = 200;

export function clip(value: string, max = ECHOED_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length.toLocaleString('en-US')} characters)`;
}
