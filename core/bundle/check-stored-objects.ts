import type { Overwrite, StoredObject } from '../ports/evidence-store.js';
import type { VerificationCheck } from './render-verification.js';

/** The lock of one stored version: COMPLIANCE mode, still running at `now`. */
export function checkRetention(object: StoredObject, now: Date): VerificationCheck {
  const r = object.retention;
  if (!r) return { check: 'retention', subject: object.key, result: 'fail', detail: `version ${object.versionId} has no Object Lock retention: it can be deleted` };
  if (r.mode !== 'COMPLIANCE') return { check: 'retention', subject: object.key, result: 'fail', detail: `version ${object.versionId} is locked in ${r.mode} mode, which privileged users can bypass; COMPLIANCE is required` };
  if (Date.parse(r.retainUntil) <= now.getTime()) return { check: 'retention', subject: object.key, result: 'fail', detail: `the lock of version ${object.versionId} ran out at ${r.retainUntil}` };
  return { check: 'retention', subject: object.key, result: 'pass', detail: `version ${object.versionId} locked in COMPLIANCE mode until ${r.retainUntil}` };
}

/**
 * What was written over a locked object since it was published: newer versions and delete markers.
 * The published version is still the one verified, but whoever wrote over it could write to the
 * bundle's prefix, and a plain `aws s3 cp` now gets the newer bytes or nothing: a failed check
 * naming each write. Undefined when nothing was written over it.
 */
export function checkOverwrites(object: StoredObject): VerificationCheck | undefined {
  const writes = object.overwrites ?? [];
  if (writes.length === 0) return undefined;
  const newest = writes.find((w) => w.latest);
  const effect = newest?.kind === 'delete-marker' ? '; the newest delete marker hides the object from plain reads' : newest?.kind === 'version' ? '; plain reads now get the newer bytes' : '';
  return {
    check: 'overwrite',
    subject: object.key,
    result: 'fail',
    detail: `written over after it was published: ${writes.map(describe).join(', ')}${effect}; the locked version ${object.versionId} is still there and is what was verified`,
  };
}

function describe(write: Overwrite): string {
  const when = write.writtenAt ? ` at ${write.writtenAt}` : '';
  return write.kind === 'version' ? `a newer version ${write.versionId} (${write.size ?? '?'} bytes) written${when}` : `a delete marker ${write.versionId} placed${when}`;
}
