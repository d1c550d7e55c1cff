// SPEC §6 steps 9 and 11–13 for a claim that passed steps 1–8: the kind, payee and fund (11), the
// main subsidy (9), the living allowance (12) and the advance / balance split (13).

import type { Policy } from '../policy/types.js';
import { mainSubsidy, livingAllowance, splitAdvance } from './amount.js';
import { choosePayee } from './payee.js';
import type { Certificate, Claim, Payment } from './types.js';

export interface ComputedPayment {
  payment: Payment;
  /** W_MONTHS_CAPPED when the main subsidy was cut (a partial payment). */
  warning: 'W_MONTHS_CAPPED' | null;
  /** E_NO_RATE: the policy has no rate for the claim's certificate and level. */
  noRate: boolean;
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
    warning: main.warning,
    noRate: main.noRate,
  };
}
