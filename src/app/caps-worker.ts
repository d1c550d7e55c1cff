// Worker thread for `check` (SPEC §6 step 10): runs the caps on the candidates' columns on the
// second core while the main thread raises the fraud flags, and sends the answer back as columns.

import { parentPort } from 'node:worker_threads';
import { capsOnColumns, type CapColumns, type CapLimits } from '../core/decide/caps.js';

parentPort!.once('message', ({ columns, limits }: { columns: CapColumns; limits: CapLimits }) => {
  const answer = capsOnColumns(columns, limits);
  parentPort!.postMessage(answer, [answer.order.buffer, answer.codes.buffer, answer.againstFrom.buffer, answer.against.buffer]);
  // Its memory goes back now, not when the main thread next looks at its messages.
  parentPort!.close();
});
