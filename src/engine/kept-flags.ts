// The flags of a `check` (SPEC §7, §8.3) as the run keeps them between raising and storing them:
// a city's data raises a fifth of a million, and a flag as raised — its lists, its evidence, its
// detail's words — takes a kilobyte of heap in small objects and strings. Kept, a flag is its id,
// rule and severity (what the decision steps ask of it, §6 steps 14 and §7.1) and the rest as
// UTF-8 text in a shared buffer, read back when asked for; it reads exactly as the flag raised.

import type { Flag, Severity, SubjectType } from '../core/flags/types.js';

/** What a kept flag packs, in this order. */
type Packed = [SubjectType, string, string | null, string[], string[], string | null, string[], Flag['detail'], string[]];

const CHUNK_BYTES = 1 << 20;

/** The one flag last unpacked: a reader (the store writing a flag) asks for its fields one after another. */
let lastUnpacked: { flag: KeptFlag; values: Packed } | null = null;

class KeptFlag implements Flag {
  constructor(
    readonly flagId: string, readonly rule: string, readonly severity: Severity,
    private readonly bytes: Buffer, private readonly start: number, private readonly end: number,
  ) {}

  private values(): Packed {
    if (lastUnpacked?.flag !== this) lastUnpacked = { flag: this, values: JSON.parse(this.bytes.toString('utf8', this.start, this.end)) as Packed };
    return lastUnpacked.values;
  }

  get subjectType() { return this.values()[0]; }
  get subject() { return this.values()[1]; }
  get idNumber() { return this.values()[2]; }
  get classIds() { return this.values()[3]; }
  get certNumbers() { return this.values()[4]; }
  get institutionCode() { return this.values()[5]; }
  get claimIds() { return this.values()[6]; }
  get detail() { return this.values()[7]; }
  get sources() { return this.values()[8]; }
}

/**
 * An id as one flat string: an id made by joining strings is held as its two parts and a node
 * joining them (some 100 bytes, against 40 for the same ASCII text in one piece).
 */
function flatString(id: string): string {
  return Buffer.from(id, 'utf8').toString('utf8');
}

/** A run's flag keeper: `keep` is check-all's keepFlag. The buffers live as long as the flags kept in them. */
export function flagKeeper(): (flag: Flag) => Flag {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  return (flag) => {
    const packed: Packed = [
      flag.subjectType, flag.subject, flag.idNumber, flag.classIds, flag.certNumbers, flag.institutionCode, flag.claimIds, flag.detail, flag.sources,
    ];
    const text = JSON.stringify(packed);
    const length = Buffer.byteLength(text, 'utf8');
    if (used + length > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, length));
      used = 0;
    }
    const start = used;
    used += chunk.write(text, start, 'utf8');
    return new KeptFlag(flatString(flag.flagId), flag.rule, flag.severity, chunk, start, used);
  };
}
