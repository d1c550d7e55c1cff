// Grouping rows by a key, shared by the decision steps (certificates by person, SPEC §6 step 8)
// and the fraud rules (SPEC §7).

/**
 * The items by key, in their order; null keys are left out. A growing array keeps room for
 * about 16 more items, which for a million rows in groups of two or three is most of the
 * memory: the groups are handed back exactly as long as they are.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  for (const [k, list] of groups) if (list.length > 1) groups.set(k, list.slice());
  return groups;
}
