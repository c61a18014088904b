import type { RepoRef } from '../../core/pr/repo-ref.js';
import { isMaestroError } from '../../core/errors.js';
import { parseEvidenceFiles } from '../../core/evidence/parse-evidence.js';
import type { EvidenceItem, InvalidEvidence } from '../../core/evidence/types.js';
import { DEFAULT_ZIP_LIMITS, extractEvidenceZip, InflateBudget, MAX_EVALUATION_INFLATED_BYTES, type ZipLimits } from '../zip/extract-evidence-zip.js';
import { downloadArtifact } from './download-artifact.js';
import type { GitHub } from './github.js';
import { listEvidenceArtifacts, type EvidenceArtifact } from './list-evidence-artifacts.js';

export interface EvidenceLimits {
  /** Largest artifact zip downloaded. */
  maxArtifactBytes: number;
  /** Most evidence artifacts read for one commit. */
  maxArtifacts: number;
  /** Most bytes inflated from all the artifacts of one evaluation together (its `InflateBudget`). */
  maxEvaluationInflatedBytes: number;
  zip: ZipLimits;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxArtifactBytes: 100 * 1024 * 1024, maxArtifacts: 50, maxEvaluationInflatedBytes: MAX_EVALUATION_INFLATED_BYTES, zip: DEFAULT_ZIP_LIMITS };

/** The inflate budget of one evaluation: create one per evaluation and pass it to every `collectEvidence` of it. */
export function evaluationBudget(limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): InflateBudget {
  return new InflateBudget(limits.maxEvaluationInflatedBytes);
}

/** Parsed reports of artifacts already read (artifacts never change), bounded by their total size. */
export class ArtifactCache {
  readonly #items = new Map<string, { items: EvidenceItem[]; bytes: number }>();
  #bytes = 0;
  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): EvidenceItem[] | undefined {
    const hit = this.#items.get(key);
    if (!hit) return undefined;
    this.#items.delete(key);
    this.#items.set(key, hit);
    return hit.items;
  }

  set(key: string, items: EvidenceItem[]): void {
    const bytes = items.reduce((n, i) => n + i.ref.size, 0);
    if (bytes > this.maxBytes) return;
    this.#items.set(key, { items, bytes });
    this.#bytes += bytes;
    while (this.#bytes > this.maxBytes) {
      const [oldest, entry] = this.#items.entries().next().value as [string, { bytes: number }];
      this.#items.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

/**
 * Every evidence report of a commit: its `maestro-evidence*` artifacts listed, downloaded (bounded),
 * extracted in memory (zip limits, unsafe entries refused) and parsed. Problems with an artifact
 * (expired, too large, not a zip, not JSON) become `invalid` items naming it: never a crash, never
 * silently dropped. `listed`: artifacts already listed for several commits (only this one's are read).
 * `repoWide`: artifacts of default-branch runs read as well (drift, drills, SLO burn). Each item comes
 * with the artifact it was read from, so that the caller can tell which run produced it.
 * `budget`: the bytes the evaluation may still inflate, shared by all its artifacts (and all its
 * commits, for a merge-queue group); by default this call is the whole evaluation.
 */
export async function collectEvidence(octokit: GitHub, repo: RepoRef, sha: string, since: string | undefined, cache: ArtifactCache, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS, listed?: readonly EvidenceArtifact[], repoWide: readonly EvidenceArtifact[] = [], budget: InflateBudget = evaluationBudget(limits)): Promise<{ items: EvidenceItem[]; produced: Array<{ item: EvidenceItem; artifact: EvidenceArtifact }>; artifacts: EvidenceArtifact[]; downloads: number }> {
  const artifacts = listed ? listed.filter((a) => a.headSha === sha) : await listEvidenceArtifacts(octokit, repo, sha, since);
  const produced: Array<{ item: EvidenceItem; artifact: EvidenceArtifact }> = [];
  let downloads = 0;
  for (const [index, artifact] of [...artifacts, ...repoWide].entries()) {
    const add = (...items: EvidenceItem[]): void => void produced.push(...items.map((item) => ({ item, artifact })));
    const label = `${artifact.name} (artifact ${artifact.id})`;
    if (index >= limits.maxArtifacts) {
      add(problem(artifact, 'ZIP_LIMIT', `the commit has more than ${limits.maxArtifacts} evidence artifacts; ${label} was not read`));
      continue;
    }
    if (artifact.expired) {
      add(problem(artifact, 'ARTIFACT_EXPIRED', `${label} has expired and can no longer be downloaded; re-run its workflow to produce the evidence again`));
      continue;
    }
    if (artifact.sizeInBytes > limits.maxArtifactBytes) {
      add(problem(artifact, 'FILE_TOO_LARGE', `${label} is ${artifact.sizeInBytes} bytes, more than the limit of ${limits.maxArtifactBytes} bytes; upload only the JSON reports in evidence artifacts`));
      continue;
    }
    const key = `${repo.fullName}:${artifact.id}`;
    const cached = cache.get(key);
    if (cached) {
      add(...cached);
      continue;
    }
    let zip: Buffer;
    try {
      downloads++;
      zip = await downloadArtifact(octokit, repo, artifact.id, limits.maxArtifactBytes);
    } catch (error) {
      if (isMaestroError(error)) {
        add(problem(artifact, error.code, `${label}: ${error.message}`));
        continue;
      }
      throw error;
    }
    const extracted = await extractEvidenceZip(zip, artifact.name, limits.zip, budget);
    const parsed: EvidenceItem[] = [
      ...(await parseEvidenceFiles(extracted.files.map((f) => ({ ...f, url: artifact.url })))),
      ...extracted.problems.map((p) => ({ ...p, ref: { ...p.ref, url: artifact.url } })),
    ];
    if (parsed.length === 0) parsed.push(problem(artifact, 'ARTIFACT_EMPTY', `${label} holds no JSON evidence report`));
    // Stopped by the evaluation's budget: that says nothing about the artifact, so it is read again next time.
    if (extracted.stopped !== 'evaluation') cache.set(key, parsed);
    add(...parsed);
  }
  return { items: produced.map((p) => p.item), produced, artifacts, downloads };
}

function problem(artifact: EvidenceArtifact, code: string, message: string): InvalidEvidence {
  return { status: 'invalid', ref: { path: artifact.name, sha256: '', size: artifact.sizeInBytes, url: artifact.url }, code, issues: [{ pointer: '', message }] };
}
