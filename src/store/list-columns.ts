// SPEC §2.5: the outside lists as `check` holds them. A city's monthly contribution list has
// millions of rows, and as objects they were a sixth of the check's memory for the whole of steps
// 1–8 and the first rules, which never look at them. So a kind's rows are read only when the rules
// of that kind ask for them (OutsideLists.byIdNumber, from the check's snapshot), only those of
// persons with a claim (the others can match none), and held as columns of numbers: the period,
// employer and file as indexes into tables of their distinct values, the name as "the claim's",
// none, or an index. A row is an object only while a rule looks at its person's rows.

import type { Db } from './database.js';
import type { Claim, ListKind, ListRow, ListRowsByIdNumber, OutsideLists } from '../core/decide/types.js';

/** The kinds with at least one active row (the kinds of the list files imported, checked for one active row each). */
export function loadedListKinds(db: Db): Set<ListKind> {
  const kinds = db.prepare("SELECT DISTINCT list_kind FROM imported_files WHERE kind = 'list' ORDER BY list_kind").pluck().all() as ListKind[];
  const anyActive = db.prepare('SELECT 1 FROM list_rows WHERE list_kind = ? AND active = 1 LIMIT 1').pluck();
  return new Set(kinds.filter((kind) => anyActive.get(kind) !== undefined));
}

/**
 * The outside lists of the snapshot `db` is in: which kinds are loaded, now; a kind's rows when
 * asked for, which must be while the snapshot is still open.
 */
export function listsInSnapshot(db: Db, files: ReadonlyMap<number, string>, claims: readonly Claim[]): OutsideLists {
  return { loaded: loadedListKinds(db), byIdNumber: (kind) => readListColumns(db, files, kind, claims) };
}

const CHUNK = 1000;
const LIST_ROWS_OF_KIND = `SELECT id, id_number, name, from_date, to_date, employer_code, employer_name, file_id, line
  FROM list_rows WHERE active = 1 AND list_kind = ? AND id > ? ORDER BY id LIMIT ${CHUNK}`;

/** A row's name: none, its person's first claim's, else an index into the other names. */
const NO_NAME = -1;
const CLAIM_NAME = -2;

/** The active rows of one kind of the persons with a claim, by ID number, in the order of their ids. */
export function readListColumns(db: Db, files: ReadonlyMap<number, string>, kind: ListKind, claims: readonly Claim[]): ListRowsByIdNumber {
  // Room for every row of the kind's files at once, so that the columns are never copied to grow:
  // the room rows of persons without a claim would have had is never written, and a large typed
  // array is zero pages the system hands out only when written.
  const rows = db.prepare("SELECT coalesce(sum(rows), 0) FROM imported_files WHERE kind = 'list' AND list_kind = ?").pluck().get(kind) as number;
  const builder = new ColumnsBuilder(new ClaimantTable(claims), claims, Number(rows));
  const chunk = db.prepare(LIST_ROWS_OF_KIND).raw(true);
  for (let last = 0; ;) {
    const rows = chunk.all(kind, last) as unknown[][];
    for (const v of rows) builder.add(v, files);
    if (rows.length < CHUNK) break;
    last = rows[CHUNK - 1][0] as number;
  }
  return builder.finish(kind);
}

/**
 * Each ID number's first claim (by index), in an open-addressing table keyed by a hash of the
 * ID number: some 8 bytes a claim, where a Map of a million ID numbers takes some 40.
 */
class ClaimantTable {
  readonly slots: Int32Array;
  private readonly mask: number;
  constructor(private readonly claims: readonly Claim[]) {
    let size = 1024;
    while (size < claims.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < claims.length; k++) {
      const slot = this.slotOf(claims[k].idNumber);
      if (this.slots[slot] === 0) this.slots[slot] = k + 1;
    }
  }
  /** The slot of the ID number: the slot that holds its first claim, else the empty one it would go to. */
  slotOf(idNumber: string): number {
    let slot = hash(idNumber) & this.mask;
    for (;;) {
      const at = this.slots[slot];
      if (at === 0 || this.claims[at - 1].idNumber === idNumber) return slot;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over the UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** Distinct pairs of values, numbered in the order first seen. */
class PairTable<T> {
  readonly values: T[] = [];
  private readonly numbers = new Map<string | null, Map<string | null, number>>();
  constructor(private readonly make: (first: string | null, second: string | null) => T) {}
  of(first: string | null, second: string | null): number {
    let bySecond = this.numbers.get(first);
    if (bySecond === undefined) this.numbers.set(first, (bySecond = new Map()));
    let n = bySecond.get(second);
    if (n === undefined) {
      bySecond.set(second, (n = this.values.length));
      this.values.push(this.make(first, second));
    }
    return n;
  }
}

interface Period { readonly from: string; readonly to: string | null }
interface Employer { readonly code: string | null; readonly name: string | null }

/** Typed-array columns with room for `room` rows, doubled when full. */
class Columns {
  length = 0;
  group: Int32Array;
  period: Int32Array;
  employer: Int32Array;
  file: Int32Array;
  line: Int32Array;
  name: Int32Array;
  constructor(room: number) {
    room = Math.max(room, 1024);
    [this.group, this.period, this.employer, this.file, this.line, this.name] = [0, 1, 2, 3, 4, 5].map(() => new Int32Array(room));
  }
  push(group: number, period: number, employer: number, file: number, line: number, name: number): void {
    if (this.length === this.group.length) this.grow();
    const k = this.length++;
    this.group[k] = group;
    this.period[k] = period;
    this.employer[k] = employer;
    this.file[k] = file;
    this.line[k] = line;
    this.name[k] = name;
  }
  private grow(): void {
    const double = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.group = double(this.group);
    this.period = double(this.period);
    this.employer = double(this.employer);
    this.file = double(this.file);
    this.line = double(this.line);
    this.name = double(this.name);
  }
}

class ColumnsBuilder {
  private readonly columns: Columns;
  /** The group (person) of each claimant slot, -1 for none yet; and each group's first claim. */
  private readonly groupAt: Int32Array;
  private readonly groupClaims: number[] = [];
  private readonly periods = new PairTable<Period>((from, to) => Object.freeze({ from: from!, to }));
  private readonly employers = new PairTable<Employer>((code, name) => Object.freeze({ code, name }));
  private readonly files: string[] = [];
  private readonly fileIndexes = new Map<number, number>();
  private readonly otherNames: string[] = [];
  private lastIdNumber = '';
  private lastSlot = -1;
  /** The last row's values and their indexes (none at first: undefined is no column's value). */
  private readonly lastValues: { from?: string; to?: string | null; period: number; employerCode?: string | null; employerName?: string | null; employer: number; fileId?: number; file: number } = {
    period: -1, employer: -1, file: -1,
  };

  constructor(private readonly claimants: ClaimantTable, private readonly claims: readonly Claim[], room: number) {
    this.columns = new Columns(room);
    this.groupAt = new Int32Array(claimants.slots.length).fill(-1);
  }

  /** v: a row of LIST_ROWS_OF_KIND; fileNames: imported_files' names by id. */
  add(v: unknown[], fileNames: ReadonlyMap<number, string>): void {
    const idNumber = v[1] as string;
    if (idNumber !== this.lastIdNumber) {
      const slot = this.claimants.slotOf(idNumber);
      this.lastIdNumber = idNumber;
      this.lastSlot = this.claimants.slots[slot] === 0 ? -1 : slot;
    }
    const slot = this.lastSlot;
    if (slot < 0) return;
    let group = this.groupAt[slot];
    if (group < 0) {
      group = this.groupAt[slot] = this.groupClaims.length;
      this.groupClaims.push(this.claimants.slots[slot] - 1);
    }
    const name = v[2] as string | null;
    const from = v[3] as string;
    const to = v[4] as string | null;
    const employerCode = v[5] as string | null;
    const employerName = v[6] as string | null;
    const fileId = v[7] as number;
    // A person's rows mostly follow one another, month after month with one employer, in one file.
    const last = this.lastValues;
    if (from !== last.from || to !== last.to) {
      last.period = this.periods.of(from, to);
      last.from = from;
      last.to = to;
    }
    if (employerCode !== last.employerCode || employerName !== last.employerName) {
      last.employer = this.employers.of(employerCode, employerName);
      last.employerCode = employerCode;
      last.employerName = employerName;
    }
    if (fileId !== last.fileId) {
      let file = this.fileIndexes.get(fileId);
      if (file === undefined) this.fileIndexes.set(fileId, (file = this.files.push(fileNames.get(fileId) ?? '?') - 1));
      last.file = file;
      last.fileId = fileId;
    }
    const { period, employer, file } = last;
    const nameCode = name === null ? NO_NAME : name === this.claims[this.groupClaims[group]].name ? CLAIM_NAME : this.otherNames.push(name) - 1;
    this.columns.push(group, period, employer, file, v[8] as number, nameCode);
  }

  /** The rows grouped by person, each person's in the order read. */
  finish(kind: ListKind): ListRowsByIdNumber {
    const { columns } = this;
    const groups = this.groupClaims.length;
    const offsets = new Int32Array(groups + 1);
    for (let k = 0; k < columns.length; k++) offsets[columns.group[k] + 1]++;
    for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
    const order = new Int32Array(columns.length);
    const filled = offsets.slice(0, groups);
    for (let k = 0; k < columns.length; k++) order[filled[columns.group[k]]++] = k;
    return new ListColumns(kind, this.claimants, this.groupAt, Int32Array.from(this.groupClaims), offsets, order, columns, {
      periods: this.periods.values, employers: this.employers.values, files: this.files, otherNames: this.otherNames,
    }, this.claims);
  }
}

interface Values { periods: readonly Period[]; employers: readonly Employer[]; files: readonly string[]; otherNames: readonly string[] }

/** One kind's rows as columns, found by ID number. */
class ListColumns implements ListRowsByIdNumber {
  readonly period: Int32Array;
  readonly employer: Int32Array;
  readonly file: Int32Array;
  readonly line: Int32Array;
  readonly name: Int32Array;
  constructor(
    readonly kind: ListKind, private readonly claimants: ClaimantTable, private readonly groupAt: Int32Array, private readonly groupClaims: Int32Array,
    private readonly offsets: Int32Array, private readonly order: Int32Array, columns: Columns, readonly values: Values, private readonly claims: readonly Claim[],
  ) {
    // The person column is not kept: a row is found through its person's group.
    ({ period: this.period, employer: this.employer, file: this.file, line: this.line, name: this.name } = columns);
  }

  get(idNumber: string): readonly ListRow[] | undefined {
    const slot = this.claimants.slotOf(idNumber);
    if (this.claimants.slots[slot] === 0) return undefined;
    const group = this.groupAt[slot];
    if (group < 0) return undefined;
    const claim = this.claims[this.groupClaims[group]];
    const rows: ListRow[] = [];
    for (let k = this.offsets[group]; k < this.offsets[group + 1]; k++) rows.push(new ColumnListRow(this, this.order[k], claim));
    return rows;
  }
}

/** A row of ListColumns, read through getters; its ID number and, mostly, its name are its person's first claim's strings. */
class ColumnListRow implements ListRow {
  constructor(private readonly list: ListColumns, private readonly at: number, private readonly claim: Claim) {}
  get kind() { return this.list.kind; }
  get idNumber() { return this.claim.idNumber; }
  get name() {
    const code = this.list.name[this.at];
    return code === NO_NAME ? null : code === CLAIM_NAME ? this.claim.name : this.list.values.otherNames[code];
  }
  get from() { return this.list.values.periods[this.list.period[this.at]].from; }
  get to() { return this.list.values.periods[this.list.period[this.at]].to; }
  get employerCode() { return this.list.values.employers[this.list.employer[this.at]].code; }
  get employerName() { return this.list.values.employers[this.list.employer[this.at]].name; }
  get source(): string {
    return `${this.list.values.files[this.list.file[this.at]]}:${this.list.line[this.at]}`;
  }
}
