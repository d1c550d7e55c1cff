// Grouping rows by a key, shared by the decision steps (certificates by person, SPEC §6 step 8)
// and the fraud rules (SPEC §7).

/**
 * The items by key, in their order (and the keys in the order first seen); null keys are left
 * out. Two passes, so that every group is made once at its exact length: arrays grown by push
 * keep room for about 16 more items and leave garbage behind, which for a million rows in groups
 * of two or three is most of the memory and of the collector's work.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const numbers = new Map<string, number>();
  const counts: number[] = [];
  const groupOf = new Int32Array(items.length);
  // Rows of one class (or institution, or person) often come one after another.
  let lastName: string | null = null;
  let lastNumber = -1;
  for (let k = 0; k < items.length; k++) {
    const name = key(items[k]);
    if (name === null) {
      groupOf[k] = -1;
      continue;
    }
    let n = name === lastName ? lastNumber : numbers.get(name);
    if (n === undefined) {
      numbers.set(name, (n = counts.length));
      counts.push(0);
    }
    counts[n]++;
    groupOf[k] = n;
    lastName = name;
    lastNumber = n;
  }
  const lists: T[][] = counts.map((count) => new Array<T>(count));
  const filled = new Int32Array(counts.length);
  for (let k = 0; k < items.length; k++) {
    const n = groupOf[k];
    if (n >= 0) lists[n][filled[n]++] = items[k];
  }
  const groups = new Map<string, T[]>();
  for (const [name, n] of numbers) groups.set(name, lists[n]);
  return groups;
}
