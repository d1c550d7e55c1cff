// V8 tuning for `check` over a million claims. By default V8 lets the heap grow to several times
// what survived its last collection before collecting again. While reading, nearly everything made
// stays (the rows), so collecting often frees little: the heap may grow by half between
// collections. While deciding, most of what is made is garbage: at 20 % the peak stays near the
// working set (10 % took some 5 s more CPU on a million claims for no lower peak, once the rules
// no longer hold a fifth of a million flags as raised). V8 reads the flag at every collection.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function tuneHeapForReading(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

export function tuneHeapForDeciding(): void {
  setFlagsFromString('--heap-growing-percent=20');
}

/**
 * A full collection now, for a caller that has just let go of most of what it held: otherwise what
 * comes next is allocated on top of it until V8's next collection, and the process's peak grows.
 * (The flag makes `gc` a global of contexts made after it is set.)
 */
export function collectGarbageNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
