// `check` over a city's data within memory: the rows read in one snapshot (snapshot-reader.ts), V8
// tuned for reading and then for deciding (heap.ts), the flags kept compact (kept-flags.ts), the
// rows let go of once the caps begin and the garbage collected whenever the core says it has let go
// of much. The decision is core/check-all.ts's, unchanged: this only decides how memory is spent.

import { checkAll, letGoOfRows, type CheckInput, type CheckOutput, type Stage } from '../core/check-all.js';
import type { Db } from '../store/database.js';
import { readDecisionData } from './snapshot-reader.js';
import { collectGarbageNow, tuneHeapForDeciding, tuneHeapForReading } from './heap.js';
import { flagKeeper } from './kept-flags.js';

/** What a check decides with besides the rows it reads: the policy, as-of date, flag key and first batches. */
export type CheckSettings = Pick<CheckInput, 'policy' | 'asOf' | 'flagKey' | 'firstBatchOf'>;

/** The core's answer, and the data mark of the snapshot it was decided on. */
export async function checkWithinMemory(db: Db, settings: CheckSettings, onStage: (stage: 'read' | Stage) => void): Promise<CheckOutput & { dataMark: number }> {
  tuneHeapForReading();
  onStage('read');
  // The rows are held by the input alone (not by a variable here), so that letGoOfRows lets go of them.
  // The snapshot stays open while an outside list is still to be read (the list rules read it).
  const input = { ...(await readDecisionData(db)), ...settings, keepFlag: flagKeeper(), afterLetGo: collectGarbageNow };
  try {
    // The worker's columns came in a message, which stays alive while code run from its delivery
    // goes on: one turn of the event loop lets it go before the decisions are made.
    await new Promise((resolve) => setImmediate(resolve));
    tuneHeapForDeciding();
    const { outcomes, flags } = checkAll(input, (next) => {
      if (next === 'caps') {
        letGoOfRows(input);
        input.endSnapshot();
        collectGarbageNow();
      }
      onStage(next);
    });
    return { outcomes, flags, dataMark: input.dataMark };
  } finally {
    input.endSnapshot();
  }
}
