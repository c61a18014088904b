import { DRIFT_EVIDENCE_PREFIX } from '../core/drift/drift-evidence-keys.js';
import type { ProducedEvidence } from '../core/evidence/trust-evidence.js';
import { parseEvidenceFiles } from '../core/evidence/parse-evidence.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { RepoRef } from '../core/pr/repo-ref.js';
import { keys, TTL, type StateStore } from '../core/ports/state-store.js';

/** A drift-report of one repository is small; a larger object under its key is not read. */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/**
 * The repository's newest drift-report written by the App's own drift sweep into the evidence store
 * (`drift/<time>/<owner>/<repo>.json`, write-once): repo-wide evidence that no workflow had to upload.
 * The key is looked up in the store's listing once per TTL.repoWide; the report is read each time (it
 * is small, and a newer sweep replaces it).
 */
export async function storedDriftEvidence(store: EvidenceStore, repo: RepoRef, state: StateStore): Promise<ProducedEvidence[]> {
  const cacheKey = keys.repoWideStore(repo.fullName);
  let key = await state.get<string | null>(cacheKey);
  if (key === undefined) {
    const suffix = `/${repo.fullName}.json`;
    // Sweep folders are named by their start time in a sortable form: the last match is the newest.
    key = (await store.list()).filter((k) => k.startsWith(`${DRIFT_EVIDENCE_PREFIX}/`) && k.endsWith(suffix) && k.split('/').length === 4).sort().at(-1) ?? null;
    await state.set(cacheKey, key, TTL.repoWide);
  }
  if (!key) return [];
  const bytes = await store.read(key, MAX_REPORT_BYTES);
  if (!bytes) return [];
  const items = await parseEvidenceFiles([{ bytes, path: `evidence-store/${key}` }]);
  return items.map((item) => ({ item, origin: { headCommit: false, defaultBranch: true, store: true } }));
}
