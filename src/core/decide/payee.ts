// SPEC §6 step 11: kind, payee and fund of the main subsidy. (十一)(十三)

import type { Kind, Policy } from '../policy/types.js';
import type { Certificate, Claim, PayeeType } from './types.js';

export interface PayeeChoice {
  kind: Kind;
  payeeType: PayeeType;
  fund: Policy['funds']['default'];
}

export type PayeeParties = Pick<Claim, 'institutionName' | 'institutionCode' | 'employerName' | 'employerCode' | 'name' | 'idNumber'>;

/** Who a payee of this type is, from the claim's row: the institution, the employer, or the person (by ID number). */
export function payeeOf(row: PayeeParties, payeeType: PayeeType): { name: string; code: string } {
  if (payeeType === 'institution') return { name: row.institutionName, code: row.institutionCode };
  if (payeeType === 'employer') return { name: row.employerName ?? '', code: row.employerCode ?? '' };
  return { name: row.name, code: row.idNumber };
}

export function choosePayee(claim: Claim, cert: Certificate | null, policy: Policy): PayeeChoice {
  let kind: Kind;
  let payeeType: PayeeType;
  if (claim.trainingType === 'apprenticeship' || claim.trainingType === 'work_based') {
    kind = claim.trainingType;
    payeeType = 'employer';
  } else if (
    claim.categories.includes('employee') && claim.insured === true && cert !== null &&
    (cert.certType === 'qualification' || cert.certType === 'skill_level')
  ) {
    kind = 'skills_upgrading';
    payeeType = 'person';
  } else {
    kind = 'training';
    if (claim.categories.some((c) => policy.categories.freeTraining.includes(c))) {
      payeeType = 'institution';
    } else if (claim.categories.includes('employee')) {
      payeeType = 'employer';
    } else {
      payeeType = 'person';
    }
  }
  return { kind, payeeType, fund: policy.funds[kind] ?? policy.funds.default };
}
