// SPEC §2 and issue #15 (also noticed): a file imported as the wrong kind is refused, naming the
// kind its headers fit — a roster imported as `institutions` has the two catalogue columns and
// would otherwise load as a catalogue of every roster row's institution.

import { normaliseHeader } from '../core/normalise/text.js';
import { COLUMNS, INPUT_KINDS, type InputKind } from './columns.js';

interface Fit {
  /** Columns of the kind the headers name. */
  recognised: number;
  /** Every required column of the kind is there. */
  complete: boolean;
}

function fitOf(kind: InputKind, headers: readonly string[]): Fit {
  const written = new Set(headers.map((h) => normaliseHeader(h)));
  let recognised = 0;
  let complete = true;
  for (const spec of COLUMNS[kind]) {
    const present = [spec.name, ...spec.aliases].some((alias) => written.has(normaliseHeader(alias)));
    if (present) recognised++;
    else if (spec.required) complete = false;
  }
  return { recognised, complete };
}

/** Another kind whose required columns are all there and that names more of the columns than `kind`, else null. */
export function betterKind(kind: InputKind, headers: readonly string[]): { kind: InputKind; recognised: number; ownRecognised: number } | null {
  const own = fitOf(kind, headers);
  let best: { kind: InputKind; recognised: number; ownRecognised: number } | null = null;
  for (const other of INPUT_KINDS) {
    if (other === kind) continue;
    const fit = fitOf(other, headers);
    if (fit.complete && fit.recognised > own.recognised && (!best || fit.recognised > best.recognised)) {
      best = { kind: other, recognised: fit.recognised, ownRecognised: own.recognised };
    }
  }
  return best;
}
