import { evidenceValidators } from '../generated/validators.js';
import { sha256Hex } from '../util/sha256.js';
import { EVIDENCE_KINDS, isEvidenceKind } from './kinds.js';
import { preview, toSchemaIssues } from './schema-issues.js';
import { parseJsonText } from './parse-json-text.js';
import type { EvidenceItem, EvidenceReport, EvidenceSubject, InvalidEvidence } from './types.js';

/**
 * Turns the bytes of one evidence file into a valid report or an `invalid` item that says, with a
 * JSON pointer, what is wrong. Never throws on content: hostile input becomes an invalid item.
 */
export function parseEvidence(bytes: Uint8Array, path: string, url?: string): EvidenceItem {
  const ref = { path, sha256: sha256Hex(bytes), size: bytes.byteLength, ...(url ? { url } : {}) };
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) return { status: 'invalid', ref, code: parsed.code, issues: [{ pointer: '', message: parsed.message }] };
  const doc = parsed.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { status: 'invalid', ref, code: 'SCHEMA_INVALID', issues: [{ pointer: '', message: 'an evidence report must be a JSON object with kind, schemaVersion, subject, producer, createdAt and data' }] };
  }
  const record = doc as Record<string, unknown>;
  const envelope = envelopeHints(record);
  if (!isEvidenceKind(record.kind)) {
    const found = record.kind === undefined ? 'no kind' : `kind ${preview(record.kind)}`;
    return {
      status: 'invalid', ref, ...envelope,
      code: record.kind === undefined ? 'SCHEMA_INVALID' : 'UNKNOWN_KIND',
      issues: [{ pointer: '/kind', message: `${found}: kind must be one of ${EVIDENCE_KINDS.join(', ')}` }],
    };
  }
  const validate = evidenceValidators[record.kind];
  if (!validate(doc)) {
    return { status: 'invalid', ref, kind: record.kind, ...envelope, code: 'SCHEMA_INVALID', issues: toSchemaIssues(validate.errors ?? [], doc) };
  }
  return { status: 'valid', ref, report: doc as EvidenceReport };
}

/** The envelope fields of an invalid report that are still usable to match it to a requirement. */
function envelopeHints(record: Record<string, unknown>): Pick<InvalidEvidence, 'subject' | 'createdAt' | 'dataFields'> {
  const out: Pick<InvalidEvidence, 'subject' | 'createdAt' | 'dataFields'> = {};
  const subject = record.subject;
  if (subject !== null && typeof subject === 'object' && !Array.isArray(subject)) {
    const s = subject as Record<string, unknown>;
    const hint: Partial<EvidenceSubject> = {};
    if (typeof s.repo === 'string') hint.repo = s.repo;
    if (typeof s.sha === 'string') hint.sha = s.sha;
    out.subject = hint;
  }
  if (typeof record.createdAt === 'string') out.createdAt = record.createdAt;
  const data = record.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const fields: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(data).slice(0, 50)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = typeof value === 'string' ? value.slice(0, 200) : value;
    }
    out.dataFields = fields;
  }
  return out;
}
