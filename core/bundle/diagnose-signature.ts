import { createHash } from 'node:crypto';
import { EVIDENCE_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, type EvidencePredicate } from './build-statement.js';
import { predicateDifferences } from './check-manifest-contents.js';
import type { EvidenceManifest } from './types.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * What a signature that failed to verify carries, read without trusting it, against the manifest
 * beside it: a changed payload type, a statement of another predicate, another manifest digest,
 * fields that differ, another key named. Says which part was altered when the cryptography only
 * says that something was; empty when nothing but the signature bytes can be blamed.
 */
export function diagnoseEnvelope(bundle: unknown, manifest: EvidenceManifest, manifestSha256: string, keyId?: string): string[] {
  const envelope = obj(obj(bundle)?.dsseEnvelope);
  if (!envelope) return [];
  const out: string[] = [];
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) out.push(`its payloadType is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`);
  const statement = typeof envelope.payload === 'string' ? parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) : undefined;
  if (!statement) out.push('its payload is not an in-toto statement');
  else {
    if (statement.predicateType !== EVIDENCE_PREDICATE_TYPE) out.push(`its statement's predicateType is ${JSON.stringify(statement.predicateType)}, not ${EVIDENCE_PREDICATE_TYPE}`);
    const subjects = Array.isArray(statement.subject) ? statement.subject.map(obj) : [];
    const digest = obj(subjects[0]?.digest)?.sha256;
    if (digest !== manifestSha256) out.push(`its statement names manifest.json sha256 ${String(digest)}, but manifest.json has sha256 ${manifestSha256}`);
    out.push(...predicateDifferences(obj(statement.predicate) as Partial<EvidencePredicate> | undefined, manifest, 'its statement says'));
  }
  const signatures = Array.isArray(envelope.signatures) ? envelope.signatures.map(obj) : [];
  const named = signatures[0]?.keyid;
  if (keyId && typeof named === 'string' && named !== '' && named !== keyId) out.push(`it names key ${named}, not the key given (${keyId}): another key signed it`);
  if (out.length === 0) out.push('its payload matches manifest.json, so the signature bytes themselves were changed');
  return out;
}

/** The fingerprint maestro and cosign give a PEM public key: `SHA256:` and the unpadded base64 SHA-256 of its SPKI DER. */
export function publicKeyFingerprint(pem: string): string | undefined {
  const body = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem)?.[1];
  if (!body) return undefined;
  return `SHA256:${createHash('sha256').update(Buffer.from(body.replace(/\s+/g, ''), 'base64')).digest('base64').replace(/=+$/, '')}`;
}

function parse(text: string): Json | undefined {
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}
