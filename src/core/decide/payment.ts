// SPEC §6 steps 9 and 11–13 for a claim that passed steps 1–8: the kind, payee and fund (11), the
// main subsidy (9), the living allowance (12) and the advance / balance split (13).

import type { Policy } from '../policy/types.js';
import { mainSubsidy, livingAllowance, splitAdvance, type MainSubsidy } from './amount.js';
import { choosePayee } from './payee.js';
import type { Certificate, Claim, Payment } from './types.js';

export interface ComputedPayment {
  payment: Payment;
  /** Step 9's code (amount.ts): E_NO_RATE rejects the claim; W_MONTHS_CAPPED makes it partial. */
  code: MainSubsidy['code'];
}

export function computePayment(claim: Claim, certificate: Certificate | null, policy: Policy): ComputedPayment {
  const payee = choosePayee(claim, certificate, policy);
  const main = mainSubsidy(claim, certificate, payee.kind, policy);
  const living = livingAllowance(claim, policy);
  const totalFen = main.fen + living.fen;
  const { advanceFen, balanceFen } = splitAdvance(totalFen, claim, policy);
  return {
    payment: {
      kind: payee.kind, payeeType: payee.payeeType, fund: payee.fund,
      mainFen: main.fen, livingFen: living.fen, totalFen, advanceFen, balanceFen, rates: [...main.rates, ...living.rates],
    },
    code: main.code,
  };
}
