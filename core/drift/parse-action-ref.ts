/** A `uses:` reference split into what it names and the ref it is pinned to. */
export interface ActionRef {
  /** The action or reusable workflow without its ref, owner and repo lower-cased: `actions/checkout`. */
  name: string;
  /** The ref after `@`; empty for local (`./`) and unversioned references. */
  ref: string;
  /** True for a full commit SHA, a docker digest, or a local path (which moves with the repository). */
  pinned: boolean;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * Parses a step's or a job's `uses:` value. Owner and repository are case-insensitive on GitHub,
 * the path and ref are not. A tag or branch is not pinned: it can be moved to other code.
 */
export function parseActionRef(uses: string): ActionRef {
  if (uses.startsWith('./') || uses.startsWith('../')) return { name: uses, ref: '', pinned: true };
  if (uses.startsWith('docker://')) {
    const at = uses.indexOf('@sha256:');
    return at === -1 ? { name: uses, ref: '', pinned: false } : { name: uses.slice(0, at), ref: uses.slice(at + 1), pinned: /^sha256:[0-9a-f]{64}$/.test(uses.slice(at + 1)) };
  }
  const at = uses.lastIndexOf('@');
  const target = at === -1 ? uses : uses.slice(0, at);
  const ref = at === -1 ? '' : uses.slice(at + 1);
  const parts = target.split('/');
  const name = [...parts.slice(0, 2).map((p) => p.toLowerCase()), ...parts.slice(2)].join('/');
  return { name, ref, pinned: FULL_SHA.test(ref) };
}
