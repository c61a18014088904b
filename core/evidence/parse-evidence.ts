import { sha256Hex } from '../util/sha256.js';
import { checkConsistency } from './consistency/check-consistency.js';
import { evidenceValidator, loadEvidenceValidators } from './evidence-validators.js';
import { EVIDENCE_KINDS, isEvidenceKind, type EvidenceKind } from './kinds.js';
import { parseJsonText } from './parse-json-text.js';
import { preview, toSchemaIssues } from './schema-issues.js';
import type { EvidenceItem, EvidenceRef, EvidenceReport, EvidenceSubject, InvalidEvidence } from './types.js';

/** A file that parsed as a JSON object naming a known kind, not yet checked against its schema. */
export interface DecodedEvidence {
  status: 'decoded';
  ref: EvidenceRef;
  kind: EvidenceKind;
  document: Record<string, unknown>;
}

/** One evidence file's bytes and where they came from. */
export interface EvidenceFile {
  bytes: Uint8Array;
  path: string;
  url?: string;
}

/**
 * Parses and validates evidence files: decodes them all, loads the validators of the kinds they
 * name, then checks each. Never throws on content: hostile input becomes an `invalid` item.
 */
export async function parseEvidenceFiles(files: EvidenceFile[]): Promise<EvidenceItem[]> {
  const decoded = files.map((f) => decodeEvidence(f.bytes, f.path, f.url));
  await loadEvidenceValidators(decoded.flatMap((d) => (d.status === 'decoded' ? [d.kind] : [])));
  return decoded.map((d) => (d.status === 'decoded' ? checkEvidence(d) : d));
}

/** Parses and validates one file; its kind's validator must be loaded (see `loadEvidenceValidators`). */
export function parseEvidence(bytes: Uint8Array, path: string, url?: string): EvidenceItem {
  const decoded = decodeEvidence(bytes, path, url);
  return decoded.status === 'decoded' ? checkEvidence(decoded) : decoded;
}

/** Step one: bytes to a JSON object that names a known kind, or an `invalid` item saying why not. */
export function decodeEvidence(bytes: Uint8Array, path: string, url?: string): DecodedEvidence | InvalidEvidence {
  const ref = { path, sha256: sha256Hex(bytes), size: bytes.byteLength, ...(url ? { url } : {}) };
  const parsed = parseJsonText(bytes);
  if (!parsed.ok && parsed.code === 'JSON_DUPLICATE_KEY') {
    // Ambiguous: only the kind it claims is taken from it, so the file fails that kind's requirements.
    const kind = (parsed.value as { kind?: unknown } | null)?.kind;
    return { status: 'invalid', ref, ...(isEvidenceKind(kind) ? { kind } : {}), code: parsed.code, issues: [{ pointer: parsed.pointer, message: parsed.message }] };
  }
  if (!parsed.ok) return { status: 'invalid', ref, code: parsed.code, issues: [{ pointer: '', message: parsed.message }] };
  const doc = parsed.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { status: 'invalid', ref, code: 'SCHEMA_INVALID', issues: [{ pointer: '', message: 'an evidence report must be a JSON object with kind, schemaVersion, subject, producer, createdAt and data' }] };
  }
  const record = doc as Record<string, unknown>;
  if (!isEvidenceKind(record.kind)) {
    const found = record.kind === undefined ? 'no kind' : `kind ${preview(record.kind)}`;
    return {
      status: 'invalid', ref, ...envelopeHints(record),
      code: record.kind === undefined ? 'SCHEMA_INVALID' : 'UNKNOWN_KIND',
      issues: [{ pointer: '/kind', message: `${found}: kind must be one of ${EVIDENCE_KINDS.join(', ')}` }],
    };
  }
  return { status: 'decoded', ref, kind: record.kind, document: record };
}

/** Step two: the decoded document against its kind's schema, then its summary fields against its details. */
export function checkEvidence(decoded: DecodedEvidence): EvidenceItem {
  const { ref, kind, document } = decoded;
  const validate = evidenceValidator(kind);
  if (!validate(document)) {
    return { status: 'invalid', ref, kind, ...envelopeHints(document), code: 'SCHEMA_INVALID', issues: toSchemaIssues(validate.errors ?? [], document) };
  }
  const inconsistent = checkConsistency(kind, document.data);
  if (inconsistent.length > 0) return { status: 'invalid', ref, kind, ...envelopeHints(document), code: 'INCONSISTENT', issues: inconsistent };
  return { status: 'valid', ref, report: document as unknown as EvidenceReport };
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
