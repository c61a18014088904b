import { MaestroError } from '../errors.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { validateAuditEvent } from '../generated/ledger-validators.js';
import type { AuditEvent } from './types.js';

/** Largest `before` or `after` value, as JSON: the ledger records what changed, not whole documents. */
export const MAX_STATE_BYTES = 8 * 1024;
/** Longest reason, in characters. */
export const MAX_REASON_CHARS = 2000;

/**
 * Checks an event before it is appended: oversized reasons and states are refused with
 * AUDIT_EVENT_TOO_LARGE (the caller should shorten or summarise them), any other departure from the
 * audit-event schema with AUDIT_EVENT_INVALID naming the field. Returns a plain JSON copy, so what is
 * hashed is exactly what was checked.
 */
export function checkAuditEvent(event: AuditEvent, source = 'the audit event', file?: string): AuditEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new MaestroError('AUDIT_EVENT_INVALID', `${source} is not a JSON object`, { file, remedy: 'pass an object with action, actor, at and repo.' });
  if (typeof event.reason === 'string' && event.reason.length > MAX_REASON_CHARS) {
    throw new MaestroError('AUDIT_EVENT_TOO_LARGE', `${source} has a reason of ${event.reason.length} characters, more than ${MAX_REASON_CHARS}`, { file, pointer: '/reason', remedy: `shorten the reason to at most ${MAX_REASON_CHARS} characters and link to the discussion for the rest.` });
  }
  for (const field of ['before', 'after'] as const) {
    if (event[field] === undefined) continue;
    let json: string | undefined;
    try {
      json = JSON.stringify(event[field]);
    } catch (cause) {
      throw new MaestroError('AUDIT_EVENT_INVALID', `${source} has ${field} that is not JSON (${(cause as Error).message})`, { file, pointer: `/${field}`, remedy: 'record plain JSON values (no cycles, no BigInt).', cause });
    }
    const size = Buffer.byteLength(json ?? '', 'utf8');
    if (size > MAX_STATE_BYTES) throw new MaestroError('AUDIT_EVENT_TOO_LARGE', `${source} has ${field} of ${size} bytes as JSON, more than ${MAX_STATE_BYTES}`, { file, pointer: `/${field}`, remedy: `record only the fields that changed, or a digest of the large document, in at most ${MAX_STATE_BYTES} bytes.` });
  }
  const copy = JSON.parse(JSON.stringify(event)) as AuditEvent;
  if (!validateAuditEvent(copy)) {
    const issues = toSchemaIssues(validateAuditEvent.errors ?? [], copy);
    const first = issues[0];
    throw new MaestroError('AUDIT_EVENT_INVALID', `${source} is not a valid audit event: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`, { file, pointer: first?.pointer, remedy: 'fix the field named; see core/ledger/audit-event.schema.json for the format.' });
  }
  return copy;
}
