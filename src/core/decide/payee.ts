// SPEC §6 step 11: kind, payee and fund of the main subsidy. (十一)(十三)

import type { Kind, Policy } from '../policy/types.js';
import type { Certificate, Claim, PayeeType } from './types.js';

export interface PayeeChoice {
  kind: Kind;
  payeeType: PayeeType;
  payeeName: string;
  payeeCode: string;
  fund: Policy['funds']['default'];
  why: string;
}

export function choosePayee(claim: Claim, cert: Certificate | null, policy: Policy): PayeeChoice {
  let kind: Kind;
  let payeeType: PayeeType;
  let why: string;
  if (claim.trainingType === 'apprenticeship' || claim.trainingType === 'work_based') {
    kind = claim.trainingType;
    payeeType = 'employer';
    why = 'enterprise training pays the employer';
  } else if (
    claim.categories.includes('employee') && claim.insured === true && cert !== null &&
    (cert.certType === 'qualification' || cert.certType === 'skill_level')
  ) {
    kind = 'skills_upgrading';
    payeeType = 'person';
    why = 'an insured employee with a qualification or skill-level certificate';
  } else {
    kind = 'training';
    if (claim.categories.some((c) => policy.categories.freeTraining.includes(c))) {
      payeeType = 'institution';
      why = 'a free-training category: the institution is paid';
    } else if (claim.categories.includes('employee')) {
      payeeType = 'employer';
      why = 'an employee: the employer is paid';
    } else {
      payeeType = 'person';
      why = 'no free-training category and no employer: the person is paid';
    }
  }
  const payee =
    payeeType === 'institution' ? { name: claim.institutionName, code: claim.institutionCode }
      : payeeType === 'employer' ? { name: claim.employerName ?? '', code: claim.employerCode ?? '' }
        : { name: claim.name, code: claim.idNumber };
  return { kind, payeeType, payeeName: payee.name, payeeCode: payee.code, fund: policy.funds[kind] ?? policy.funds.default, why };
}
