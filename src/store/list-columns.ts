// SPEC §2.5: the outside lists as `check` holds them. A city's monthly contribution list has
// millions of rows, and as objects they were a sixth of the check's memory for the whole of steps
// 1–8 and the first rules, which never look at them. So the rows are read only when the first list
// rule asks for its kind's (OutsideLists.byIdNumber, from the check's snapshot), every loaded kind
// in one pass; only those of persons with a claim (the others can match none); and held as columns
// of numbers: the period, employer and file as indexes into tables of their distinct values, the
// name as "the claim's", none, or an index. A row is an object only while a rule looks at its
// person's rows.

import type { Db } from './database.js';
import { dialectOf } from './connection.js';
import type { Claim, ListKind, ListRow, ListRowsByIdNumber, OutsideLists } from '../core/decide/types.js';

/** The kinds with at least one active row (the kinds of the list files imported, checked for one active row each). */
export function loadedListKinds(db: Db): Set<ListKind> {
  const kinds = db.prepare("SELECT DISTINCT list_kind FROM imported_files WHERE kind = 'list' ORDER BY list_kind").pluck().all() as ListKind[];
  const anyActive = db.prepare('SELECT 1 FROM list_rows WHERE list_kind = ? AND active = 1 LIMIT 1').pluck();
  return new Set(kinds.filter((kind) => anyActive.get(kind) !== undefined));
}

const NO_ROWS: ListRowsByIdNumber = Object.freeze({ get: () => undefined });

/**
 * The outside lists of the snapshot `db` is in: which kinds are loaded, now; their rows when a kind
 * is first asked for, which must be while the snapshot is still open. Every loaded kind is read in
 * that one pass over the rows; each kind's are then handed to the rules that asked (and held by
 * their grouping alone), and read again should they be asked for again.
 */
export function listsInSnapshot(db: Db, files: ReadonlyMap<number, string>, claims: readonly Claim[]): OutsideLists {
  const loaded = loadedListKinds(db);
  let unasked = new Map<ListKind, ListRowsByIdNumber>();
  return {
    loaded,
    byIdNumber(kind) {
      if (!loaded.has(kind)) return NO_ROWS;
      if (!unasked.has(kind)) unasked = readListColumns(db, files, loaded, claims);
      const rows = unasked.get(kind)!;
      unasked.delete(kind);
      return rows;
    },
  };
}

const CHUNK = 1000;
const LIST_ROWS = `SELECT id, list_kind, id_number, name, from_date, to_date, employer_code, employer_name, file_id, line
  FROM list_rows WHERE active = 1 AND id > ? ORDER BY id LIMIT ${CHUNK}`;

/** The active rows of these kinds of the persons with a claim, by kind and ID number, in the order of their ids. */
export function readListColumns(db: Db, files: ReadonlyMap<number, string>, kinds: ReadonlySet<ListKind>, claims: readonly Claim[]): Map<ListKind, ListRowsByIdNumber> {
  // Room for every row of each kind's files at once, so that the columns are never copied to grow:
  // the room rows of persons without a claim would have had is never written, and a large typed
  // array is zero pages the system hands out only when written.
  const rooms = new Map((db.prepare("SELECT list_kind, coalesce(sum(rows), 0) FROM imported_files WHERE kind = 'list' GROUP BY list_kind").raw(true).all() as [ListKind, number][])
    .map(([kind, rows]) => [kind, Number(rows)]));
  const persons = new ListPersons(claims);
  const builders = new Map([...kinds].map((kind) => [kind, new ColumnsBuilder(persons, rooms.get(kind) ?? 0)]));
  const chunk = db.prepare(LIST_ROWS).raw(true);
  for (let last = 0; ;) {
    const rows = chunk.all(last) as unknown[][];
    for (const v of rows) {
      const builder = builders.get(v[1] as ListKind);
      const group = builder === undefined ? -1 : persons.groupOf(v[2] as string);
      if (group >= 0) builder!.add(group, v, files);
    }
    if (rows.length < CHUNK) break;
    last = rows[CHUNK - 1][0] as number;
  }
  // The page cache the rows went through is not read again until the run is stored.
  if (dialectOf(db) === 'sqlite') db.exec('PRAGMA shrink_memory');
  const groupClaims = Uint32Array.from(persons.groupClaims);
  return new Map([...builders].map(([kind, builder]) => [kind, builder.finish(kind, persons, groupClaims)]));
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

type Values = Uint8Array | Uint16Array | Uint32Array;

/**
 * A column of whole numbers of at most 32 bits, each one, two or four bytes wide as the largest
 * so far needs (a list has a few hundred periods and a handful of files, but many lines), with
 * room for `room` of them, doubled when full.
 */
class Column {
  values: Values;
  private max: number;
  /** bound: what the values will not exceed, if known (a column made wide enough at once is never copied). */
  constructor(room: number, bound = 0) {
    this.max = bound > 0xffff ? 0xffffffff : bound > 0xff ? 0xffff : 0xff;
    this.values = new (this.max === 0xff ? Uint8Array : this.max === 0xffff ? Uint16Array : Uint32Array)(room);
  }
  /** Sets value k, values 0 to k − 1 being set already. */
  set(k: number, value: number): void {
    if (value > this.max) {
      this.max = value > 0xffff ? 0xffffffff : 0xffff;
      this.copy(k, this.values.length, this.max === 0xffff ? Uint16Array : Uint32Array);
    }
    if (k >= this.values.length) this.copy(k, this.values.length * 2);
    this.values[k] = value;
  }
  /** Only the values set are copied: the room beyond stays pages never written. */
  private copy(set: number, room: number, as = this.values.constructor as new (n: number) => Values): void {
    const from = this.values;
    this.values = new as(room);
    this.values.set(from.subarray(0, set));
  }
}

/** A row's name: none, its person's first claim's, else other name k + OTHER_NAME. */
const NO_NAME = 0;
const CLAIM_NAME = 1;
const OTHER_NAME = 2;

/** The persons with a claim that the lists name, numbered (as groups) in the order first read. */
class ListPersons {
  readonly claimants: ClaimantTable;
  /** The group of each claimant slot, -1 for none yet; and each group's first claim. */
  readonly groupAt: Int32Array;
  readonly groupClaims: number[] = [];
  private lastIdNumber = '';
  private lastGroup = -1;
  constructor(readonly claims: readonly Claim[]) {
    this.claimants = new ClaimantTable(claims);
    this.groupAt = new Int32Array(this.claimants.slots.length).fill(-1);
  }
  /** The group of a row's ID number (numbered now if first read), or -1 when no claim has it. */
  groupOf(idNumber: string): number {
    if (idNumber === this.lastIdNumber) return this.lastGroup;
    const slot = this.claimants.slotOf(idNumber);
    let group = -1;
    if (this.claimants.slots[slot] !== 0) {
      group = this.groupAt[slot];
      if (group < 0) {
        group = this.groupAt[slot] = this.groupClaims.length;
        this.groupClaims.push(this.claimants.slots[slot] - 1);
      }
    }
    this.lastIdNumber = idNumber;
    this.lastGroup = group;
    return group;
  }
  /** The group of an ID number, or -1 when no list row of it was read. */
  find(idNumber: string): number {
    const slot = this.claimants.slotOf(idNumber);
    return this.claimants.slots[slot] === 0 ? -1 : this.groupAt[slot];
  }
}

/** One kind's rows as they are read. */
class ColumnsBuilder {
  private length = 0;
  /** Each row's group (person), period, employer, file, line and name, at the row's index in the order read. */
  private readonly group: Column;
  private readonly columns: { period: Column; employer: Column; file: Column; line: Column; name: Column };
  /** Whether the rows have come person by person, in the order the persons were numbered (a list sorted by person mostly has). */
  private sorted = true;
  private readonly periods = new PairTable<Period>((from, to) => Object.freeze({ from: from!, to }));
  /** The period that last followed each period. */
  private readonly nextPeriods: number[] = [];
  private readonly employers = new PairTable<Employer>((code, name) => Object.freeze({ code, name }));
  private readonly files: string[] = [];
  private readonly fileIndexes = new Map<number, number>();
  private readonly otherNames: string[] = [];
  /** The last row's values and their indexes (none at first: undefined is no column's value). */
  private readonly lastValues: { from?: string; to?: string | null; period: number; employerCode?: string | null; employerName?: string | null; employer: number; fileId?: number; file: number } = {
    period: -1, employer: -1, file: -1,
  };

  constructor(private readonly persons: ListPersons, room: number) {
    room = Math.max(room, 1024);
    // A list's lines mostly go past its number of rows, and its persons up to their number.
    this.group = new Column(room, Math.min(room, persons.claims.length));
    this.columns = { period: new Column(room), employer: new Column(room), file: new Column(room), line: new Column(room, room), name: new Column(room) };
  }

  /** v: a row of LIST_ROWS, of a person with a claim (`group`); fileNames: imported_files' names by id. */
  add(group: number, v: unknown[], fileNames: ReadonlyMap<number, string>): void {
    const name = v[3] as string | null;
    const from = v[4] as string;
    const to = v[5] as string | null;
    const employerCode = v[6] as string | null;
    const employerName = v[7] as string | null;
    const fileId = v[8] as number;
    // A person's rows mostly follow one another, month after month with one employer, in one file:
    // a period is mostly the one after the last row's, as it was the last time.
    const last = this.lastValues;
    if (from !== last.from || to !== last.to) {
      const next = last.period < 0 ? undefined : this.nextPeriods[last.period];
      const guess = next === undefined ? undefined : this.periods.values[next];
      const period = guess !== undefined && guess.from === from && guess.to === to ? next! : this.periods.of(from, to);
      if (last.period >= 0) this.nextPeriods[last.period] = period;
      last.period = period;
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
    const claimName = this.persons.claims[this.persons.groupClaims[group]].name;
    const nameCode = name === null ? NO_NAME : name === claimName ? CLAIM_NAME : OTHER_NAME + this.otherNames.push(name) - 1;
    const k = this.length++;
    if (k > 0 && group < this.group.values[k - 1]) this.sorted = false;
    this.group.set(k, group);
    const { columns } = this;
    columns.period.set(k, period);
    columns.employer.set(k, employer);
    columns.file.set(k, file);
    columns.line.set(k, v[9] as number);
    columns.name.set(k, nameCode);
  }

  /** The rows grouped by person, each person's in the order read. */
  finish(kind: ListKind, persons: ListPersons, groupClaims: Uint32Array): ListRowsByIdNumber {
    const groups = groupClaims.length;
    const group = this.group.values;
    const offsets = new Uint32Array(groups + 1);
    for (let k = 0; k < this.length; k++) offsets[group[k] + 1]++;
    for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
    // Rows read person by person, in the order the persons were numbered, are in their place already.
    let order: Uint32Array | null = null;
    if (!this.sorted) {
      order = new Uint32Array(this.length);
      const filled = offsets.slice(0, groups);
      for (let k = 0; k < this.length; k++) order[filled[group[k]]++] = k;
    }
    const c = this.columns;
    return new ListColumns(kind, persons, groupClaims, offsets, order, {
      period: c.period.values, employer: c.employer.values, file: c.file.values, line: c.line.values, name: c.name.values,
    }, {
      periods: this.periods.values, employers: this.employers.values, files: this.files, otherNames: this.otherNames,
    });
  }
}

interface Distinct { periods: readonly Period[]; employers: readonly Employer[]; files: readonly string[]; otherNames: readonly string[] }

/** One kind's rows as columns, found by ID number. */
class ListColumns implements ListRowsByIdNumber {
  constructor(
    readonly kind: ListKind, private readonly persons: ListPersons, private readonly groupClaims: Uint32Array,
    private readonly offsets: Uint32Array, private readonly order: Uint32Array | null,
    readonly columns: { readonly period: Values; readonly employer: Values; readonly file: Values; readonly line: Values; readonly name: Values },
    readonly values: Distinct,
  ) {}

  get(idNumber: string): readonly ListRow[] | undefined {
    const group = this.persons.find(idNumber);
    if (group < 0 || this.offsets[group] === this.offsets[group + 1]) return undefined;
    const claim = this.persons.claims[this.groupClaims[group]];
    const rows: ListRow[] = [];
    for (let k = this.offsets[group]; k < this.offsets[group + 1]; k++) rows.push(new ColumnListRow(this, this.order === null ? k : this.order[k], claim));
    return rows;
  }
}

/** A row of ListColumns, read through getters; its ID number and, mostly, its name are its person's first claim's strings. */
class ColumnListRow implements ListRow {
  constructor(private readonly list: ListColumns, private readonly at: number, private readonly claim: Claim) {}
  get kind() { return this.list.kind; }
  get idNumber() { return this.claim.idNumber; }
  get name() {
    const code = this.list.columns.name[this.at];
    return code === NO_NAME ? null : code === CLAIM_NAME ? this.claim.name : this.list.values.otherNames[code - OTHER_NAME];
  }
  get from() { return this.list.values.periods[this.list.columns.period[this.at]].from; }
  get to() { return this.list.values.periods[this.list.columns.period[this.at]].to; }
  get employerCode() { return this.list.values.employers[this.list.columns.employer[this.at]].code; }
  get employerName() { return this.list.values.employers[this.list.columns.employer[this.at]].name; }
  get source(): string {
    return `${this.list.values.files[this.list.columns.file[this.at]]}:${this.list.columns.line[this.at]}`;
  }
}
