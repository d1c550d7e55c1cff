// SPEC §6 and §7.1 (E_FRAUD_CONFIRMED): a flag an auditor confirmed (its latest verdict) rejects
// every claim it attaches to, whatever steps 1–8 gave, before step 9: such a claim is never paid
// and never counts against the caps. (十四) 对骗取套取资金的… 依法依规处理

import type { Flag } from '../flags/types.js';

export type Verdict = 'cleared' | 'confirmed';

export function fraudConfirmedCode(claimFlags: readonly Pick<Flag, 'flagId'>[] | undefined, verdicts: ReadonlyMap<string, Verdict>): 'E_FRAUD_CONFIRMED' | null {
  return claimFlags?.some((f) => verdicts.get(f.flagId) === 'confirmed') ? 'E_FRAUD_CONFIRMED' : null;
}
