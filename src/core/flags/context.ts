// What the fraud rules (SPEC §7) see: all active rows, the step-8 results and computed totals.

import type { Policy } from '../policy/types.js';
import type { Certificate, Claim, Payment } from '../decide/types.js';
import { groupBy } from '../group-by.js';
import { groupByPerson, groupsByIdNumber, type PersonNumbers } from '../decide/persons.js';

export interface FlagContext {
  claims: readonly Claim[];
  certificates: readonly Certificate[];
  policy: Policy;
  asOf: string;
  /** Steps 1–8 of every claim (in the order of claims), and the computed amounts of those that passed them (else null). */
  evaluated: readonly EvaluatedClaim[];
  groups: Groupings;
}

/** What the rules need of steps 1–8 for one claim. */
export interface EvaluatedClaim {
  claim: Claim;
  idValid: boolean;
  paysCertificate: boolean;
  /** The certificate step 8 chose, or null. */
  certificate: Certificate | null;
  /** The person's certificates of the same occupation and level issued before the class started. */
  certificatesBefore: readonly Certificate[];
  payment: Payment | null;
}

/** Groupings several rules share, built once per check. */
export class Groupings {
  private byPerson?: Map<string, Claim[]>;
  private byClass?: Map<string, Claim[]>;
  private byInstitution?: Map<string, Claim[]>;
  private certsByPerson?: ReadonlyMap<string, Certificate[]>;
  /** certificatesByNumber: the certificates grouped by person number, when the caller has them. */
  constructor(
    private readonly ctx: Pick<FlagContext, 'claims' | 'certificates'>, private readonly persons: PersonNumbers,
    private readonly certificatesByNumber?: readonly (readonly Certificate[])[],
  ) {}
  /** By ID number, in the order first seen. */
  claimsByPerson(): Map<string, Claim[]> {
    const { claims } = this.ctx;
    const numbers = this.persons.claims;
    return (this.byPerson ??= groupsByIdNumber(claims, numbers, groupByPerson(claims, numbers, this.persons.count)));
  }
  claimsByClass(): Map<string, Claim[]> {
    return (this.byClass ??= groupBy(this.ctx.claims, (c) => c.classId));
  }
  claimsByInstitution(): Map<string, Claim[]> {
    return (this.byInstitution ??= groupBy(this.ctx.claims, (c) => c.institutionCode));
  }
  /** By ID number, in the order first seen. */
  certificatesByPerson(): ReadonlyMap<string, Certificate[]> {
    const { certificates } = this.ctx;
    const numbers = this.persons.certificates;
    return (this.certsByPerson ??= groupsByIdNumber(certificates, numbers, this.certificatesByNumber ?? groupByPerson(certificates, numbers, this.persons.count)));
  }
}
