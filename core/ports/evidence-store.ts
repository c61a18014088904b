/** How long and how firmly a stored object is locked. */
export interface Retention {
  mode: 'COMPLIANCE' | 'GOVERNANCE';
  /** RFC 3339. */
  retainUntil: string;
}

/** A stored object as the store reports it after a write or on inspection. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
  /** The object version (S3); absent for folder stores. */
  versionId?: string;
  /** The lock on that version (S3 Object Lock); absent where the store has none. */
  retention?: Retention;
  /** What else the store shows for the key, such as a writable file. */
  notes: string[];
  /** What was written over this version since (S3: newer versions and delete markers), oldest first; absent or empty when nothing was. */
  overwrites?: Overwrite[];
}

/** A newer version or a delete marker that a store keeps over the version that counts. */
export interface Overwrite {
  kind: 'version' | 'delete-marker';
  versionId?: string;
  /** RFC 3339, as the store reports it. */
  writtenAt?: string;
  /** Bytes of a newer version. */
  size?: number;
  /** True for the newest: what a plain read (without a version id) gets, or the marker that hides the key. */
  latest: boolean;
}

/**
 * Where release bundles are kept, write-once. Keys are `/`-separated paths below the store's root.
 * Implementations refuse to replace what is stored and never delete; reads return the first version
 * written, which is the published one, whatever was stacked on top of it later.
 */
export interface EvidenceStore {
  /** The store's URL without credentials, for messages and reports. */
  readonly url: string;
  /** True when the store itself enforces retention (S3 Object Lock), so verification checks it. */
  readonly locking: boolean;
  /** Refuses to go on when the store cannot keep objects write-once (checked before any upload). */
  preflight(): Promise<void>;
  /** Stores the file at `source` under `key`; `expected` is its digest, checked against what was stored. */
  put(key: string, source: string, expected: { sha256: string; size: number }): Promise<StoredObject>;
  /** Digest, lock and notes of the stored object, hashed as a stream; undefined when there is none. */
  inspect(key: string): Promise<StoredObject | undefined>;
  /** The stored bytes of a small object (manifest, signature) up to `maxBytes`; undefined when there is none. */
  read(key: string, maxBytes: number): Promise<Buffer | undefined>;
  /** Every key below the root that has a stored version, sorted. */
  list(): Promise<string[]>;
  /** The store of the bundle at `relative` below this store's root (a sibling release is `../<tag>`). */
  at(relative: string): EvidenceStore;
  /**
   * Stores `bytes` under `key` only when no version of the key exists yet: false when another writer
   * got there first (whatever it wrote), so concurrent writers of one key never both succeed.
   */
  create(key: string, bytes: Buffer): Promise<boolean>;
  /** Every stored version of a small object, oldest (the one that counts, with its lock where the store locks) first, each up to `maxBytes`; empty when there is none. */
  versions(key: string, maxBytes: number): Promise<Array<{ bytes: Buffer; versionId?: string; retention?: Retention }>>;
}
