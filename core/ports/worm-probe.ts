import type { Retention } from './evidence-store.js';

/** What the store answered to one change the WORM drill tried on a locked object. */
export interface ProbeAttempt {
  /** The request as the store's API names it, for the report (`DeleteObject <key> versionId=<id>`). */
  request: string;
  /** `accepted`: the store did it; `refused`: it denied access, the lock held; `failed`: any other error. */
  outcome: 'accepted' | 'refused' | 'failed';
  /** The store's answer to a refused or failed request (status, error, message, request id), kept as proof. */
  response?: string;
}

/**
 * The write-once store under test, as the WORM drill probes it: a probe object written locked, then
 * what an attacker or a careless administrator would try on it. adapters/store implements it for S3
 * Object Lock; every outcome is the store's own answer, never inferred. Keys are below the store's root.
 */
export interface WormProbe {
  /** The store's URL without credentials, for the report. */
  readonly url: string;
  /** Refuses to go on when the store cannot lock at all; otherwise says in a sentence what it checked. */
  preflight(): Promise<string>;
  /** Writes `body` locked in COMPLIANCE mode until `until`; its full name in the store, version, and lock as read back. */
  writeLocked(key: string, body: Buffer, until: Date): Promise<{ name: string; versionId?: string; retention?: Retention }>;
  /** Tries to delete one version, bypassing a GOVERNANCE lock when asked. */
  deleteVersion(key: string, versionId: string, bypassGovernance: boolean): Promise<ProbeAttempt>;
  /** Tries to set another lock on one version. */
  setRetention(key: string, versionId: string, retention: Retention): Promise<ProbeAttempt>;
  /** Writes other bytes under the key (a store with versions keeps the locked one); the request and the new version. */
  overwrite(key: string, body: Buffer): Promise<{ request: string; versionId?: string }>;
  /** Deletes the key without naming a version; the request and the delete marker it made, if any. */
  hide(key: string): Promise<{ request: string; deleteMarker?: string }>;
  /** The bytes of one version. */
  read(key: string, versionId: string): Promise<Buffer>;
  /** The lock of one version, or undefined when it has none. */
  retention(key: string, versionId: string): Promise<Retention | undefined>;
}
