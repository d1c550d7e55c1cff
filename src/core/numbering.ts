// Numbers for text values (persons by ID number, occupations by code), so that work over a
// million rows can index arrays instead of looking values up in maps again and again.

/** Numbers for values, in the order first seen, from `first` up; the last value asked for is answered without a lookup. */
export class Numbering {
  /** The values in the order numbered: value `first + k` is values[k]. */
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();
  private last: string | null = null;
  private lastNumber = 0;

  constructor(private readonly first = 0) {}

  /** How many values have been numbered. */
  get count(): number {
    return this.values.length;
  }

  of(value: string): number {
    if (value === this.last) return this.lastNumber;
    let n = this.numbers.get(value);
    if (n === undefined) {
      this.numbers.set(value, (n = this.first + this.values.length));
      this.values.push(value);
    }
    this.last = value;
    this.lastNumber = n;
    return n;
  }
}
