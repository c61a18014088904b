import { checkReleaseTag } from '../core/bundle/build-manifest.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, type ManifestLedgerHead } from '../core/bundle/types.js';
import { isMaestroError } from '../core/errors.js';
import type { LedgerWitness } from '../core/ledger/verification-types.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import { openLedger } from './open-ledger.js';
import { manifestHead, readWitness } from './read-witness.js';
import { verifyLedgerStore, type VerifyLedgerIo } from './verify-ledger-store.js';

/**
 * The ledger head a release bundle records as its witness: the head the ledger has now, or, when
 * the release is already published in `release.store` under its tag (a re-run of the release job), the head its
 * manifest recorded then, so the rebuilt manifest is byte-identical and publishing it again holds.
 * Undefined for an empty ledger. Reading the head checks the head's own link.
 */
export async function ledgerHeadForRelease(ledger: EvidenceStore, release?: { store: EvidenceStore; tag: string }): Promise<ManifestLedgerHead | undefined> {
  if (release) checkReleaseTag(release.tag);
  const published = release ? await release.store.at(release.tag).read(MANIFEST_FILE, MAX_MANIFEST_BYTES) : undefined;
  const earlier = published ? manifestHead(published) : undefined;
  if (earlier) return earlier.ledger;
  const head = await (await openLedger(ledger)).head();
  return head ? { ...head, store: ledger.url } : undefined;
}

/** The outcome of `maestro verify <bundle> --ledger <url>`. */
export interface LedgerWitnessCheck {
  result: 'pass' | 'fail';
  detail: string;
  witness?: LedgerWitness;
}

/**
 * Holds the ledger at `ledger` against the head the bundle's manifest witnessed: entries 1 to that
 * head must be stored, link, and end in the witnessed digest. The bundle's signature (checked by
 * `verifyBundle`) vouches for the manifest, and the manifest for those entries, so no ledger key is
 * needed; entries after the head are checked for their links only.
 */
export async function checkLedgerAgainstBundle(bundle: string, ledger: string, io: VerifyLedgerIo): Promise<LedgerWitnessCheck> {
  let witness: LedgerWitness;
  try {
    witness = await readWitness(bundle, io);
  } catch (error) {
    if (isMaestroError(error) && ['BUNDLE_INVALID', 'FILE_NOT_FOUND', 'USAGE'].includes(error.code)) return { result: 'fail', detail: error.message };
    throw error;
  }
  const verified = await verifyLedgerStore({ location: ledger, witnesses: [witness] }, io);
  if (verified.problems.length === 0) {
    const later = verified.head && verified.head.seq > witness.seq ? `; entries ${witness.seq + 1} to ${verified.head.seq} came later and link` : '';
    return { result: 'pass', detail: `entries 1 to ${witness.seq} end in the head ${witness.source} witnessed (sha256 ${witness.sha256})${later}`, witness };
  }
  const bad = verified.firstBad!;
  const others = verified.problems.length + (verified.moreProblems ?? 0) - 1;
  return { result: 'fail', detail: `${bad.seq !== undefined ? `entry ${bad.seq}` : bad.key} (${bad.problem}): ${bad.detail}${others > 0 ? ` (and ${others} more problem(s): maestro ledger verify ${verified.location} --witness ${bundle})` : ''}`, witness };
}
