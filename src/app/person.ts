// SPEC §8.5: one person's whole record (职业培训电子档案, (十)) — every roster row version,
// certificate, decision of the run, subsidy, outside-list row (§2.5) and flag, in date order, with this year's
// remaining certificate-subsidy quota and the occupation+level pairs already subsidised.

import type { Db } from '../store/database.js';
import { fileNames, listRowsOfPerson, rowsOfPerson } from '../store/reader.js';
import { personLedgerRows } from '../store/ledger.js';
import { flagRows, decisionRows, type RunRecord } from '../store/runs.js';
import { withdrawnFiles } from '../store/imports.js';
import { parseIdNumber, idFacts, maskIdNumber } from '../core/normalise/id-number.js';
import { formatFen } from '../core/normalise/money.js';
import type { Policy } from '../core/policy/types.js';
import { DataError } from '../core/errors.js';
import { countsAgainstCaps } from '../core/facts/paid.js';
import { isClaimIdOf } from '../core/facts/claim-id.js';

export interface PersonRecord {
  id_number: string;
  names: string[];
  sex: string | null;
  birth_date: string | null;
  id_valid: boolean;
  roster_rows: Record<string, unknown>[];
  certificates: Record<string, unknown>[];
  /** The outside-list rows naming this ID number (SPEC §2.5), by `from`. */
  list_rows: Record<string, unknown>[];
  decisions: Record<string, unknown>[];
  /** §8.5, §10: every ledger line of the person's claims (their main subsidy and living allowance), by batch. */
  disbursements: Record<string, unknown>[];
  flags: Record<string, unknown>[];
  quota: { year: string; limit: number; used: number; remaining: number };
  subsidised_pairs: { occupation: string; level: number | null; claim_id: string }[];
  run: number | null;
}

export function personRecord(db: Db, rawId: string, run: RunRecord | undefined, policy: Policy | null, today: string): PersonRecord {
  const parsed = parseIdNumber(rawId);
  const id = parsed.kind === 'ok' ? parsed.idNumber : rawId.trim();
  const files = fileNames(db);
  const src = (r: { file_id: number; line: number }) => `${files.get(r.file_id)}:${r.line}`;
  // A row that is not active was replaced by a later import, or its file was withdrawn (import withdraw).
  const withdrawn = withdrawnFiles(db);
  const version = (r: { active: unknown; file_id: unknown }) => (r.active === 1 ? 'active' : withdrawn.has(r.file_id as number) ? 'withdrawn' : 'replaced');
  const stored = rowsOfPerson(db, id);
  const rosterRows = stored.roster
    .map((r) => ({
      claim_id: r.claim_id, class_id: r.class_id, institution_name: r.institution_name, training_type: r.training_type,
      occupation_name: r.occupation_name, level: r.level, start_date: r.start_date, end_date: r.end_date, name: r.name,
      categories: r.categories, version: version(r as { active: unknown; file_id: unknown }), source: src(r as { file_id: number; line: number }),
    }));
  const certificates = stored.certificates
    .map((c) => ({
      cert_number: c.cert_number, cert_type: c.cert_type, occupation_name: c.occupation_name, level: c.level, issue_date: c.issue_date,
      name: c.name, version: version(c as { active: unknown; file_id: unknown }), source: src(c as { file_id: number; line: number }),
    }));
  const listRows = listRowsOfPerson(db, id).map(({ row, active, fileId }) => ({
    list: row.kind, from: row.from, to: row.to, name: row.name, employer_code: row.employerCode, employer_name: row.employerName,
    version: active ? 'active' : withdrawn.has(fileId) ? 'withdrawn' : 'replaced', source: row.source,
  }));
  if (rosterRows.length === 0 && certificates.length === 0 && listRows.length === 0) throw new DataError('person_not_found', { id: maskIdNumber(id) });
  const decisions: Record<string, unknown>[] = [];
  const pairs: PersonRecord['subsidised_pairs'] = [];
  const year = today.slice(0, 4);
  let used = 0;
  if (run) {
    for (const d of decisionRows(db, run.id, 'AND r.id_number = ?', [id])) {
      decisions.push({
        claim_id: d.claim_id, end_date: d.end_date, decision: d.decision, reasons: d.reasons, flags: d.flags, kind: d.kind,
        payee_type: d.payee_type, cert_number: d.cert_number, main_subsidy: formatFen(d.main_fen), living_allowance: formatFen(d.living_fen),
        total: formatFen(d.total_fen),
      });
      if (countsAgainstCaps(d.decision) && d.cert_number) {
        pairs.push({ occupation: d.occupation_name, level: d.level, claim_id: d.claim_id });
        if (d.cert_issue_date?.startsWith(year)) used++;
      }
    }
    decisions.sort((a, b) => String(a.end_date).localeCompare(String(b.end_date)));
  }
  const flags = run
    ? flagRows(db, run.id).filter((f) => f.id_number === id || f.claim_ids.split(';').some((c) => isClaimIdOf(c, id)))
      .map((f) => ({ flag_id: f.flag_id, rule: f.rule, severity: f.severity, claim_ids: f.claim_ids, sources: f.sources }))
    : [];
  const facts = idFacts(id, today);
  const limit = policy?.limits.certificateSubsidiesPerYear ?? 0;
  return {
    id_number: id,
    names: [...new Set([...rosterRows.map((r) => String(r.name)), ...certificates.map((c) => String(c.name))])],
    sex: facts.sex, birth_date: facts.birthDate, id_valid: facts.valid,
    roster_rows: rosterRows, certificates, list_rows: listRows, decisions,
    disbursements: personLedgerRows(db, id).map((l) => ({
      batch: l.batch, date: l.date, run: l.run, claim_id: l.claim_id, component: l.component, payee_type: l.payee_type, payee_code: l.payee_code,
      payee_name: l.payee_name, fund: l.fund, type: l.amount_fen < 0 ? 'recovery' : 'payment', amount: formatFen(l.amount_fen), reasons: l.reasons,
    })),
    flags,
    quota: { year, limit, used, remaining: Math.max(0, limit - used) },
    subsidised_pairs: pairs,
    run: run?.id ?? null,
  };
}
