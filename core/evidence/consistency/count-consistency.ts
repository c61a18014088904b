import type { EvidenceIssue } from '../types.js';
import { issue, plural, tally } from './consistency-words.js';

/** What the count checks read of an attestation-verification report's data. */
interface AttestationData {
  counts: { verified: number; unverified: number };
  artifacts: Array<{ verified: boolean; errors: unknown[] }>;
}

/** An attestation report's counts are its artifacts by outcome, and a verified artifact lists no error. */
export function attestationConsistency(data: AttestationData): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const verified = data.artifacts.filter((a) => a.verified).length;
  const unverified = data.artifacts.length - verified;
  if (data.counts.verified !== verified) issues.push(issue('/data/counts/verified', `is ${data.counts.verified}, but /data/artifacts lists ${plural(verified, 'verified artifact')}`));
  if (data.counts.unverified !== unverified) issues.push(issue('/data/counts/unverified', `is ${data.counts.unverified}, but /data/artifacts lists ${plural(unverified, 'unverified artifact')}`));
  const contradicted = data.artifacts.findIndex((a) => a.verified && a.errors.length > 0);
  if (contradicted !== -1) issues.push(issue(`/data/artifacts/${contradicted}/verified`, `is true, but the artifact lists ${plural(data.artifacts[contradicted]!.errors.length, 'failed check')} (/data/artifacts/${contradicted}/errors)`));
  return issues;
}

/** What the count checks read of a policy-test report's data. */
interface PolicyTestData {
  counts: { passed: number; failed: number; skipped: number; errored: number };
  tests: Array<{ result: 'pass' | 'fail' | 'skip' | 'error' }>;
}

const RESULT_OF = { passed: 'pass', failed: 'fail', skipped: 'skip', errored: 'error' } as const;

/** Where a policy-test report lists its tests, its counts are the tests by result. */
export function policyTestConsistency(data: PolicyTestData): EvidenceIssue[] {
  if (data.tests.length === 0) return [];
  const listed = tally(data.tests, (t) => t.result);
  const issues: EvidenceIssue[] = [];
  for (const [field, result] of Object.entries(RESULT_OF) as Array<[keyof typeof RESULT_OF, (typeof RESULT_OF)[keyof typeof RESULT_OF]]>) {
    const n = listed[result] ?? 0;
    if (data.counts[field] !== n) issues.push(issue(`/data/counts/${field}`, `is ${data.counts[field]}, but /data/tests lists ${plural(n, `${field} test`)}`));
  }
  return issues;
}
