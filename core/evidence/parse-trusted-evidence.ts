import { MaestroError } from '../errors.js';
import { evidenceValidator, loadEvidenceValidators } from './evidence-validators.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';
import type { EvidenceKind } from './kinds.js';
import { toSchemaIssues } from './schema-issues.js';
import type { EvidenceReport, ValidEvidence } from './types.js';

/**
 * Reads a list of trusted reports of one kind (waivers from the waiver store, approved links):
 * a JSON array of reports, or a single report. Unlike evidence files, a bad entry here is an
 * error of the caller's own input and stops the run, naming the entry and field.
 */
export async function parseTrustedEvidenceList(value: unknown, kind: EvidenceKind, source: string): Promise<ValidEvidence[]> {
  await loadEvidenceValidators([kind]);
  const list = Array.isArray(value) ? value : [value];
  const validate = evidenceValidator(kind);
  return list.map((entry, index) => {
    const at = Array.isArray(value) ? `/${index}` : '';
    if (!validate(entry)) {
      const issue = toSchemaIssues(validate.errors ?? [], entry)[0];
      const pointer = `${at}${issue?.pointer ?? ''}`;
      throw new MaestroError('SCHEMA_INVALID', `${source} entry ${Array.isArray(value) ? index : 0} is not a valid ${kind} report: ${issue ? `${issue.pointer || '/'} ${issue.message}` : 'invalid'}`, {
        file: source,
        pointer,
        remedy: `each entry must be a ${kind} report (see evidence-schemas/${kind}.v1.json); check it with maestro validate.`,
      });
    }
    return { status: 'valid', ref: { path: `${source}${at ? `#${index}` : ''}`, sha256: sha256Hex(canonicalJson(entry)), size: canonicalJson(entry).length }, report: entry as EvidenceReport };
  });
}
