// What the fraud rules (SPEC §7) see: all active rows, the outside lists (§2.5), the step-8
// results and computed totals.

import type { Policy } from '../policy/types.js';
import type { Certificate, Claim, ListKind, ListRowsByIdNumber, OutsideLists, Payment } from '../decide/types.js';
import { groupBy } from '../group-by.js';
import { groupByPerson, type PersonNumbers } from '../decide/persons.js';

export interface FlagContext {
  claims: readonly Claim[];
  certificates: readonly Certificate[];
  /** The outside lists (SPEC §2.5). */
  lists: OutsideLists;
  policy: Policy;
  asOf: string;
  /** The database's secret that keys flag ids (flagIdFor). */
  flagKey: string;
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

/** The groupings a rule may work with (see Groupings). */
export type GroupingName = 'claimsByPerson' | 'certificatesByPerson' | 'claimsByClass' | 'claimsByInstitution' | `list:${ListKind}`;

/**
 * Groupings several rules share, each made when first asked for. Between two rules, raiseFlags
 * keeps only those the next rule works with (keepOnly): a million claims' groupings by person are
 * some 100 MB that the rules in between would otherwise carry. One asked for again is made again,
 * the same from the same rows.
 */
export class Groupings {
  private byPerson?: readonly (readonly Claim[])[];
  private certificatesOf?: readonly (readonly Certificate[])[];
  private byClass?: Map<string, Claim[]>;
  private byInstitution?: Map<string, Claim[]>;
  private readonly listsByIdNumber = new Map<ListKind, ListRowsByIdNumber>();
  constructor(private readonly ctx: Pick<FlagContext, 'claims' | 'certificates' | 'lists'>, readonly persons: PersonNumbers) {}
  /** Each person's claims at their person number (see PersonNumbers), in the order persons are first seen; empty for a person with none. */
  claimsByPerson(): readonly (readonly Claim[])[] {
    return (this.byPerson ??= groupByPerson(this.ctx.claims, this.persons.claims, this.persons.count));
  }
  /** Each person's certificates at their person number (as step 8 groups them); empty for a person with none. */
  certificatesByPerson(): readonly (readonly Certificate[])[] {
    return (this.certificatesOf ??= groupByPerson(this.ctx.certificates, this.persons.certificates, this.persons.count));
  }
  claimsByClass(): Map<string, Claim[]> {
    return (this.byClass ??= groupBy(this.ctx.claims, (c) => c.classId));
  }
  claimsByInstitution(): Map<string, Claim[]> {
    return (this.byInstitution ??= groupBy(this.ctx.claims, (c) => c.institutionCode));
  }
  /**
   * The rows of one kind of list by ID number, made once per check (a list may hold millions of
   * monthly rows: each claim then looks its person up once, instead of scanning the list).
   */
  listRowsByIdNumber(kind: ListKind): ListRowsByIdNumber {
    let index = this.listsByIdNumber.get(kind);
    if (!index) this.listsByIdNumber.set(kind, (index = this.ctx.lists.byIdNumber(kind)));
    return index;
  }
  /** Lets go of every grouping but these; true when a grouping by person went (a million small arrays). */
  keepOnly(names: readonly GroupingName[]): boolean {
    const kept = new Set(names);
    const byPersonGoes = (!kept.has('claimsByPerson') && this.byPerson !== undefined) || (!kept.has('certificatesByPerson') && this.certificatesOf !== undefined);
    if (!kept.has('claimsByPerson')) this.byPerson = undefined;
    if (!kept.has('certificatesByPerson')) this.certificatesOf = undefined;
    if (!kept.has('claimsByClass')) this.byClass = undefined;
    if (!kept.has('claimsByInstitution')) this.byInstitution = undefined;
    for (const kind of [...this.listsByIdNumber.keys()]) if (!kept.has(`list:${kind}`)) this.listsByIdNumber.delete(kind);
    return byPersonGoes;
  }
}
