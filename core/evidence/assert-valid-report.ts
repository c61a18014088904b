import { MaestroError } from '../errors.js';
import { loadEvidenceValidators } from './evidence-validators.js';
import { checkEvidence } from './parse-evidence.js';
import type { EvidenceReport } from './types.js';

/**
 * Checks a report a gate built against its kind's schema before anything is written, so a gate
 * never publishes evidence the engine would reject. The issues name the fields; their values come
 * from the gate's input, so the error is about that input.
 */
export async function assertValidReport(report: EvidenceReport<unknown>, source: string): Promise<void> {
  await loadEvidenceValidators([report.kind]);
  const item = checkEvidence({ status: 'decoded', ref: { path: source, sha256: '', size: 0 }, kind: report.kind, document: report as unknown as Record<string, unknown> });
  if (item.status === 'valid') return;
  const issues = item.issues.slice(0, 5).map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ');
  throw new MaestroError('SCHEMA_INVALID', `the ${report.kind} report made from ${source} would not be valid evidence: ${issues}`, {
    file: source,
    remedy: `check ${source}: a value named above is outside what a ${report.kind} report allows (evidence-schemas/${report.kind}.v1.json).`,
  });
}
