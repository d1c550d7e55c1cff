// Rule cases in YAML (test/rules/*.yaml), one file per step of SPEC §6, each case a full
// sentence, run through the pure decision core (OpenFisca style).

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { checkAll, letGoOfRows, type CheckInput, type CheckOutput, type Verdict } from '../../src/core/check-all.js';
import { flagKeeper } from '../../src/engine/kept-flags.js';
import type { CatalogueEntry, Certificate, Claim, ListKind, ListRow } from '../../src/core/decide/types.js';
import { formatFen } from '../../src/core/normalise/money.js';
import { claim, certificate, personId, policy } from '../helpers/claims.js';
import { listsOfRows } from '../../src/core/facts/outside-lists.js';

interface ClaimCase extends Partial<Claim> {
  born?: string;
  sex?: 'male' | 'female';
  /** A certificate matching this claim, issued this many days after end_date (or on this date). */
  cert?: number | string | Partial<Certificate>;
}

interface RuleCase {
  name: string;
  as_of?: string;
  policy?: Record<string, unknown>;
  claims?: ClaimCase[];
  certificates?: (Partial<Certificate> & { for?: string })[];
  catalogue?: Partial<CatalogueEntry>[];
  verdicts?: Record<string, Verdict>;
  /** Per class_id: the first batch that disbursed money for its claim (SPEC §10, step 10's order). */
  disbursed?: Record<string, number>;
  /**
   * Outside-list rows (SPEC §2.5): `for` names the class whose person the row is about (else
   * id_number gives the person); the row's source is `<kind>.csv:<its position + 2>`. A kind is
   * loaded when a row of it is given, or when lists_loaded names it.
   */
  lists?: (Partial<Omit<ListRow, 'kind'>> & { kind: ListKind; for?: string })[];
  lists_loaded?: ListKind[];
  /**
   * Certificates in bulk (SPEC §7 F_CERT_BURST): `count` certificates of `issuer` issued on
   * `day` (default 15) of `month`, each held by another person, of an occupation no claim has.
   */
  cert_batches?: { issuer: string | null; month: string; count: number; day?: number }[];
  /** Per rule: the subjects of the flags the run raises (all of them, in order), or objects adding detail values. */
  raised?: Record<string, (string | ({ subject: string } & Record<string, string | number>))[]>;
  /** Per class_id: the expected outcome; amounts in yuan with two decimals. */
  expect?: Record<string, {
    decision?: string; reasons?: string[]; kind?: string; payee_type?: string; fund?: string; main?: string; living?: string;
    total?: string; advance?: string; balance?: string; certificate?: string | null; flags?: string[];
  }>;
}

const DIR = join(import.meta.dirname, '..', 'rules');
const camel = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));

function build(c: RuleCase) {
  let certSeq = 0;
  const claims = (c.claims ?? []).map((raw, i) => {
    const { cert, born, sex, ...fields } = camel(raw as Record<string, unknown>) as ClaimCase;
    return { claim: claim({ classId: `C${i + 1}`, rowId: i + 1, born, sex, ...fields }), cert };
  });
  const certs: Certificate[] = [];
  for (const { claim: cl, cert } of claims) {
    if (cert === undefined) continue;
    const base = { idNumber: cl.idNumber, occupationCode: cl.occupationCode, occupationName: cl.occupationName, level: cl.level, certNumber: `Z${++certSeq}`, rowId: certSeq };
    if (typeof cert === 'number') certs.push(certificate({ ...base, issueDate: addDays(cl.endDate, cert) }));
    else if (typeof cert === 'string') certs.push(certificate({ ...base, issueDate: cert }));
    else certs.push(certificate({ ...base, ...(camel(cert as Record<string, unknown>) as Partial<Certificate>) }));
  }
  for (const raw of c.certificates ?? []) {
    const { for: forClass, ...rest } = raw;
    const owner = claims.find((x) => x.claim.classId === forClass)?.claim;
    const fields = camel(rest as Record<string, unknown>) as Partial<Certificate>;
    certs.push(certificate({
      certNumber: `Z${++certSeq}`, rowId: certSeq,
      ...(owner ? { idNumber: owner.idNumber, occupationCode: owner.occupationCode, occupationName: owner.occupationName, level: owner.level } : {}),
      ...fields,
    }));
  }
  (c.cert_batches ?? []).forEach((batch, b) => {
    for (let k = 0; k < batch.count; k++) {
      certs.push(certificate({
        certNumber: `Z${++certSeq}`, rowId: certSeq, idNumber: personId(addDays('1970-01-01', k), 'female', b + 1), name: '李四',
        occupationCode: '9-99-99-99', occupationName: '其他', issueDate: `${batch.month}-${String(batch.day ?? 15).padStart(2, '0')}`,
        issuer: batch.issuer, source: `c.csv:${certSeq + 1}`,
      }));
    }
  });
  const catalogue = (c.catalogue ?? []).map((e) => ({ code: '91110000600037341L', name: '渝中职校', validFrom: null, validTo: null, source: 'i.csv:2', ...camel(e as Record<string, unknown>) }) as CatalogueEntry);
  const rows = (c.lists ?? []).map(({ for: forClass, ...raw }, i): ListRow => {
    const fields = camel(raw as Record<string, unknown>) as Partial<ListRow> & { kind: ListKind };
    const owner = claims.find((x) => x.claim.classId === forClass)?.claim;
    return {
      idNumber: owner?.idNumber ?? '', name: null, from: '', to: null, employerCode: null, employerName: null, source: `${fields.kind}.csv:${i + 2}`,
      ...fields,
    };
  });
  const lists = listsOfRows(new Set<ListKind>([...rows.map((r) => r.kind), ...(c.lists_loaded ?? [])]), rows);
  const firstBatchOf = new Map(Object.entries(c.disbursed ?? {}).map(([classId, batch]) => [claims.find((x) => x.claim.classId === classId)!.claim.claimId, batch]));
  return { claims: claims.map((x) => x.claim), certificates: certs, catalogue, lists, flagKey: 'test key', firstBatchOf };
}

/** A run's outcomes and flags as plain values (a kept flag reads its fields through getters). */
function plainRun({ outcomes, flags }: CheckOutput) {
  return {
    outcomes: outcomes.map((o) => ({ ...o, claim: o.claim.claimId, certificate: o.certificate?.rowId ?? null })),
    flags: flags.map((f) => ({
      flagId: f.flagId, rule: f.rule, severity: f.severity, subjectType: f.subjectType, subject: f.subject, idNumber: f.idNumber, classIds: f.classIds,
      certNumbers: f.certNumbers, institutionCode: f.institutionCode, claimIds: f.claimIds, detail: f.detail, sources: f.sources,
    })),
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
  const cases = YAML.parse(readFileSync(join(DIR, file), 'utf8')) as RuleCase[];
  describe(file.replace(/\.yaml$/, ''), () => {
    for (const c of cases) {
      it(c.name, () => {
        const data = build(c);
        const run = (verdicts: Map<string, Verdict>) => checkAll({ ...data, policy: policy(c.policy), asOf: c.as_of ?? '2021-12-31', verdicts });
        // Verdicts in a case name a rule; they apply to the flag of that rule a run without verdicts raises.
        const dry = c.verdicts ? run(new Map()) : null;
        const verdicts = new Map(Object.entries(c.verdicts ?? {}).map(([rule, v]) => [dry!.flags.find((f) => f.rule === rule)?.flagId ?? `${rule}-none`, v] as const));
        const { outcomes, flags } = run(verdicts);
        for (const [rule, want] of Object.entries(c.raised ?? {})) {
          const got = flags.filter((f) => f.rule === rule).map((f) => {
            const w = want.find((x) => typeof x === 'object' && x.subject === f.subject);
            if (typeof w !== 'object') return f.subject;
            return { subject: f.subject, ...Object.fromEntries(Object.keys(w).filter((k) => k !== 'subject').map((k) => [k, f.detail.params[k]])) };
          });
          expect(got, rule).toEqual(want);
        }
        for (const [classId, want] of Object.entries(c.expect ?? {})) {
          const o = outcomes.find((x) => x.claim.classId === classId);
          expect(o, `no outcome for ${classId}`).toBeDefined();
          const p = o!.payment;
          const paid = o!.decision === 'approved' || o!.decision === 'partial' || o!.decision === 'review';
          const got = {
            decision: o!.decision, reasons: o!.reasons, kind: p?.kind, payee_type: p?.payeeType, fund: p?.fund,
            main: formatFen(paid && p ? p.mainFen : 0), living: formatFen(paid && p ? p.livingFen : 0), total: formatFen(paid && p ? p.totalFen : 0),
            advance: formatFen(paid && p ? p.advanceFen : 0), balance: formatFen(paid && p ? p.balanceFen : 0),
            certificate: o!.certificate?.certNumber ?? null,
            flags: flags.filter((f) => o!.flagIds.includes(f.flagId)).map((f) => f.rule).sort(),
          };
          const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof typeof got]]));
          expect(picked, classId).toEqual(want);
        }
        // As `check` runs it: the flags kept compact, the rows let go of once the caps begin (CheckInput).
        const input: CheckInput = { ...data, policy: policy(c.policy), asOf: c.as_of ?? '2021-12-31', verdicts, keepFlag: flagKeeper() };
        const lean = checkAll(input, (stage) => stage === 'caps' && letGoOfRows(input));
        expect(input.claims).toEqual([]);
        expect(plainRun(lean)).toEqual(plainRun({ outcomes, flags }));
      });
    }
  });
}

