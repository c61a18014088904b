import { loadEvidenceValidators } from '../../core/evidence/evidence-validators.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';

// Tests parse reports of every kind synchronously: load all validators once.
await loadEvidenceValidators();
import type { EvidenceKind } from '../../core/evidence/kinds.js';
import type { EvidenceItem, ValidEvidence } from '../../core/evidence/types.js';
import type { PullRequestFacts } from '../../core/pr/types.js';
import { TEST_NOW } from './clock.js';

export const REPO = 'acme/web';
export const HEAD = 'a'.repeat(40);
export const OTHER_SHA = 'b'.repeat(40);
/** The usual evaluation time of the suite (see clock.ts). */
export const NOW = TEST_NOW;

/** A PR with sensible defaults; override what the test is about. */
export function makePr(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return { repo: REPO, number: 42, title: 'Add checkout form', headSha: HEAD, headRef: 'feature/checkout', baseRef: 'main', author: 'dev', draft: false, labels: [], changedFiles: [], ...overrides };
}

/** An evidence report envelope around `data`. */
export function makeReport(kind: EvidenceKind, data: unknown, overrides: { sha?: string; repo?: string; createdAt?: string } = {}): Record<string, unknown> {
  return {
    kind,
    schemaVersion: '1.0',
    subject: { repo: overrides.repo ?? REPO, sha: overrides.sha ?? HEAD, pr: 42 },
    producer: { name: `maestro-${kind}`, version: '0.1.0' },
    createdAt: overrides.createdAt ?? '2026-11-20T10:00:00Z',
    data,
  };
}

/** A report as the engine receives it, through the real parser (so it is validated). */
export function item(path: string, report: unknown): EvidenceItem {
  return parseEvidence(Buffer.from(typeof report === 'string' ? report : JSON.stringify(report)), path);
}

/** A report that must be valid; fails the test at once when it is not. */
export function valid(path: string, report: unknown): ValidEvidence {
  const parsed = item(path, report);
  if (parsed.status !== 'valid') throw new Error(`${path} should be valid: ${JSON.stringify(parsed.issues)}`);
  return parsed;
}

export const counts = (critical: number, serious: number, moderate: number, minor: number) => ({ critical, serious, moderate, minor });

/** a11y report data with the given counts. */
export function a11yData(c = counts(0, 0, 0, 0)): Record<string, unknown> {
  return { engine: { name: 'axe-core', version: '4.10.2' }, tags: ['wcag2a', 'wcag2aa'], counts: c, pages: [{ url: 'http://127.0.0.1/', counts: c }], violations: [] };
}

/** drift-report data with the given status. */
export function driftData(status: 'clean' | 'drift', missingJobs: string[] = []): Record<string, unknown> {
  return { repo: REPO, status, missingJobs, pr: null, template: { source: '.github/workflows/ga-gates.yml', version: 'v1' }, changes: [] };
}

/** A waiver report for a control. */
export function waiverReport(controlId: string, until: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return makeReport('waiver', { controlId, until, reason: 'vendor fix due next sprint', approvedBy: 'lead', ...extra }, { createdAt: '2026-11-01T00:00:00Z' });
}

/** A link report for controls. */
export function linkReport(controls: string[], approvedBy: string[], attestedBy = 'dev', sha = HEAD): Record<string, unknown> {
  return makeReport('link', { url: 'https://wiki.example.com/runbook', title: 'Runbook', controls, attestedBy, approvedBy }, { sha });
}
