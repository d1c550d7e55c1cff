// What reaches a terminal (issue #15 items 7 and 12): text from the input may hold escape
// sequences (clear the screen, retitle the window, fake a hyperlink), bidi controls that reorder
// what is shown, and invisible separators; they are shown escaped (`\u001b`), never sent raw —
// also in a data format (CSV, JSON, Markdown, HTML) printed on a terminal. Messages on stderr also
// mask every ID-like value and echo at most ~200 characters of a value. Stored values and data
// outputs written to a file or a pipe are left as received.

import { maskIdNumber } from '../../core/normalise/id-number.js';

// C0 controls but tab and newline, DEL, C1 controls; the bidi marks (ALM, LRM, RLM), embeddings,
// overrides and isolates; zero-width characters, the line and paragraph separators (a terminal may
// break the line there), invisible operators, the byte-order mark and interlinear annotations.
const INVISIBLE = '\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb';
// eslint-disable-next-line no-control-regex
const UNSAFE = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${INVISIBLE}]`, 'g');
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_CELL = new RegExp(`[\u0000-\u001f\u007f-\u009f${INVISIBLE}]`, 'g');

const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters and bidi overrides shown escaped; a table cell also loses tabs and newlines. */
export function terminalSafe(text: string, options: { cell?: boolean } = {}): string {
  return text.replace(options.cell ? UNSAFE_IN_CELL : UNSAFE, escape);
}

// 15 to 18 digits, ASCII or full-width, the last perhaps X, with a single separator between any two
// (a space, a hyphen or dash, a dot, an underscore, a slash, in ASCII or full-width); letters may stand
// right before or after (`ID500107…X`), digits may not (a longer number is not an ID number).
const ID_LIKE = /(?<![0-9０-９])(?:[0-9０-９][\s\u3000._/·・．＿／\-－‐‑–—]?){14,17}[0-9０-９XxＸｘ](?![0-9０-９])/g;

/** Every ID-like value masked to its first 6 and last 4 characters (SPEC §1's messages). */
export function maskIdLike(text: string): string {
  return text.replace(ID_LIKE, (found) => {
    const plain = found.normalize('NFKC').replace(/[^0-9X]/gi, '').toUpperCase();
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
