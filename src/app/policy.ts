// SPEC §5: reading a policy file (the shipped default or --policy FILE), validating it and
// describing each value with its reference (the policy's `references` block, as OpenFisca parameters carry metadata.reference).

import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { validatePolicy } from '../core/policy/validate-policy.js';
import type { Policy } from '../core/policy/types.js';
import { DataError } from '../core/errors.js';

export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../src/policies/yuzhong-2019.yaml', import.meta.url));

export interface LoadedPolicy {
  policy: Policy;
  path: string;
  text: string;
  sha256: string;
}

/** A policy is a page of YAML; a file larger than this is not one (and could be a YAML bomb). */
export const MAX_POLICY_BYTES = 1 << 20;

export function readPolicyText(path: string): string {
  try {
    const { size } = statSync(path);
    if (size > MAX_POLICY_BYTES) throw new DataError('policy_too_large', { file: path, bytes: size, limit: MAX_POLICY_BYTES });
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError('file_unreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

/** Every problem of a policy text, by path; empty when it is valid. */
export function policyProblems(text: string): { policy: Policy | null; problems: string[] } {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return { policy: null, problems: doc.errors.map((e) => `(yaml) ${e.message.split('\n')[0]}`) };
  let value: unknown;
  try {
    // Aliases that expand beyond yaml's bound (a "billion laughs" file) are refused here, as a problem of the file.
    value = doc.toJS();
  } catch (err) {
    return { policy: null, problems: [`(yaml) ${(err as Error).message.split('\n')[0]}`] };
  }
  return validatePolicy(value);
}

export function parsePolicyText(text: string, path: string): Policy {
  const { policy, problems } = policyProblems(text);
  if (!policy) throw new DataError('invalid_policy', { file: path, problems: problems.join('\n  ') });
  return policy;
}

export function loadPolicy(path = DEFAULT_POLICY_PATH): LoadedPolicy {
  const text = readPolicyText(path);
  return { policy: parsePolicyText(text, path), path, text, sha256: createHash('sha256').update(text).digest('hex') };
}

export interface PolicyLine {
  path: string;
  value: string;
  source: string;
}

/** Each value of the policy with its reference (its own path's, else the nearest enclosing path's; '' when none). */
export function describePolicy(text: string): PolicyLine[] {
  const doc = YAML.parseDocument(text);
  const root = doc.toJS() as { references?: Record<string, unknown> } | null;
  const references = root?.references ?? {};
  const referenceOf = (path: string): string => {
    for (let at = path; at !== ''; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
      const text = references[at];
      if (typeof text === 'string') return text;
    }
    return '';
  };
  const lines: PolicyLine[] = [];
  const visit = (node: unknown, path: string): void => {
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (path === '' && key === 'references') continue;
        visit(pair.value, path ? `${path}.${key}` : key);
      }
    } else if (YAML.isSeq(node)) {
      lines.push({ path, value: `[${node.items.map((i) => (YAML.isScalar(i) ? String(i.value) : String(i))).join(', ')}]`, source: referenceOf(path) });
    } else if (YAML.isScalar(node)) {
      lines.push({ path, value: String(node.value), source: referenceOf(path) });
    }
  };
  visit(doc.contents, '');
  return lines;
}
