import type { Retention } from '../../core/ports/evidence-store.js';
import type { ProbeAttempt, WormProbe } from '../../core/ports/worm-probe.js';

/** How the fake store behaves where a real one may fail the drill. */
export interface FakeWormStore {
  /** Writes are not locked (a bucket without Object Lock that accepts the headers silently). */
  unlocked?: boolean;
  /** Attempts the store lets through: a delete of the version, a change of its lock. */
  accepts?: Array<'delete' | 'bypass' | 'retention'>;
  /** Attempts answered with another error than AccessDenied (a throttled or broken endpoint). */
  fails?: Array<'delete' | 'bypass' | 'retention'>;
}

/**
 * An in-memory WormProbe with versions and locks, for drill tests without S3: a locked version
 * refuses deletion and lock changes with an AccessDenied answer, unless told otherwise.
 */
export function fakeWormProbe(behaviour: FakeWormStore = {}): WormProbe & { requests: string[] } {
  const versions = new Map<string, { bytes: Buffer; retention?: Retention }>();
  const requests: string[] = [];
  let next = 0;
  const answer = (kind: 'delete' | 'bypass' | 'retention', request: string, change: () => void): ProbeAttempt => {
    requests.push(request);
    if (behaviour.fails?.includes(kind)) return { request, outcome: 'failed', response: 'HTTP 503 SlowDown: reduce your request rate' };
    if (!behaviour.accepts?.includes(kind)) return { request, outcome: 'refused', response: 'HTTP 403 AccessDenied: the object is locked' };
    change();
    return { request, outcome: 'accepted' };
  };
  return {
    url: 'memory://worm',
    requests,
    preflight: async () => 'the fake store keeps versions and locks',
    async writeLocked(key, body, until) {
      const versionId = `v${++next}`;
      versions.set(versionId, { bytes: body, ...(behaviour.unlocked ? {} : { retention: { mode: 'COMPLIANCE' as const, retainUntil: new Date(Math.ceil(until.getTime() / 1000) * 1000).toISOString() } }) });
      return { name: `memory/${key}`, versionId, retention: versions.get(versionId)!.retention };
    },
    deleteVersion: async (key, versionId, bypass) => answer(bypass ? 'bypass' : 'delete', `delete ${key} ${versionId}${bypass ? ' bypassing governance' : ''}`, () => versions.delete(versionId)),
    setRetention: async (key, versionId, retention) => answer('retention', `lock ${key} ${versionId} ${retention.mode} until ${retention.retainUntil}`, () => {
      const version = versions.get(versionId);
      if (version) version.retention = retention;
    }),
    async overwrite(key, body) {
      const versionId = `v${++next}`;
      versions.set(versionId, { bytes: body });
      return { request: `write ${key}`, versionId };
    },
    hide: async (key) => ({ request: `delete ${key}`, deleteMarker: `v${++next}` }),
    read: async (_key, versionId) => versions.get(versionId)?.bytes ?? Buffer.alloc(0),
    retention: async (_key, versionId) => versions.get(versionId)?.retention,
  };
}
