import type { VerificationCheck } from '../core/bundle/render-verification.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../core/bundle/types.js';
import { toDrillReport, type DrillStep } from '../core/drill/to-drill-report.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import { findLatestRelease } from './find-latest-release.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import { verifyBundle, type VerifyBundleInput, type VerifyBundleIo } from './verify-bundle.js';

/** What to restore, whom to trust, and the objectives the drill is timed against. */
export interface RestoreDrillInput {
  /** The store holding bundles as `<tag>/`. */
  store: EvidenceStore;
  /** The release to restore; the newest in the store when absent. */
  release?: string;
  rtoSeconds: number;
  rpoSeconds?: number;
  /** The verifier's trust settings, as `maestro verify` takes them. */
  trust: Pick<VerifyBundleInput, 'identity' | 'issuer' | 'keyFile' | 'trustedRootFile' | 'allowUnsigned'>;
  subject: { repo: string; sha: string };
  producer: EvidenceProducer;
  now?: () => Date;
}

/** Step details stay well inside the schema's 20,000 characters. */
const MAX_DETAIL = 4000;
/** Every kind of verifier check lands in one step: the release and contents checks are about the manifest, overwrites about the locks. */
const CHECK_STEPS: Array<[VerificationCheck['check'], string, Array<VerificationCheck['check']>?]> = [
  ['manifest', 'read the manifest', ['release', 'contents']],
  ['artifact', 'fetch every artifact and match its sha256'],
  ['unlisted', 'no object beside the listed ones'],
  ['signature', 'check the signature and signer'],
  ['retention', 'check each object\'s COMPLIANCE lock', ['overwrite']],
  ['chain', 'walk the hash chain to the first release'],
];

/**
 * The restore drill: finds the newest (or the named) release bundle in the store, reads every object
 * back and verifies it end to end with the release verifier (hashes, nothing added, signature and
 * signer, locks, hash chain), and times the whole recovery against the RTO. The recovery point is
 * the age of the restored release. A missing or altered object, or a late recovery, fails the drill.
 * `io` is what the release verifier reads through.
 */
export async function runRestoreDrill(input: RestoreDrillInput, io: VerifyBundleIo): Promise<EvidenceReport> {
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const steps: DrillStep[] = [];
  const found = input.release ? { release: input.release, createdAt: undefined } : await findLatestRelease(input.store);
  if (!found) {
    steps.push({ name: 'find the latest bundle', result: 'fail', detail: `${input.store.url} holds no release bundle (<tag>/manifest.json): there is nothing to restore` });
    return report(input, startedAt, now(), steps, {});
  }
  steps.push({ name: input.release ? 'find the bundle' : 'find the latest bundle', result: 'pass', detail: input.release ? `restoring release ${found.release} as asked` : `newest release is ${found.release}, made ${found.createdAt}` });
  const bundle = input.store.at(found.release);
  const manifest = await bundle.read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!manifest) {
    steps.push({ name: 'read the manifest', result: 'fail', detail: `there is no ${MANIFEST_FILE} at ${bundle.url}: release ${found.release} is missing from the store` });
    return report(input, startedAt, now(), steps, {});
  }
  const verification = await verifyBundle({ location: bundle, ...input.trust, now: now() }, io);
  steps.push(...toSteps(verification.checks));
  const finishedAt = now();
  const rtoSeconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  steps.push({ name: 'recovery within the RTO', result: rtoSeconds <= input.rtoSeconds ? 'pass' : 'fail', detail: `fetched and verified in ${rtoSeconds} s; the RTO is ${input.rtoSeconds} s` });
  const measured: Record<string, number> = { rtoSeconds };
  const manifestTime = verification.checks.some((c) => c.check === 'manifest' && c.result === 'pass') ? releaseTime(manifest) : undefined;
  if (manifestTime !== undefined) {
    const rpoSeconds = Math.max(0, (finishedAt.getTime() - manifestTime) / 1000);
    measured.rpoSeconds = rpoSeconds;
    if (input.rpoSeconds !== undefined) steps.push({ name: 'recovery point within the RPO', result: rpoSeconds <= input.rpoSeconds ? 'pass' : 'fail', detail: `the restored release is ${rpoSeconds} s old; the RPO is ${input.rpoSeconds} s` });
  }
  return report(input, startedAt, finishedAt, steps, measured);
}

/** One step per kind of check, failures first in its detail, so a bundle of any size fits the report. */
function toSteps(checks: VerificationCheck[]): DrillStep[] {
  return CHECK_STEPS.flatMap(([kind, name, also = []]) => {
    const mine = checks.filter((c) => c.check === kind || also.includes(c.check));
    // The verifier reports only objects that should not be there; none is a pass worth recording.
    if (kind === 'unlisted' && mine.length === 0 && checks.some((c) => c.check === 'artifact')) return [{ name, result: 'pass' as const, detail: 'every stored object of the bundle is listed in its manifest' }];
    if (mine.length === 0) return [];
    const failed = mine.filter((c) => c.result === 'fail');
    const lines = (failed.length > 0 ? failed : mine).map((c) => `${c.subject}: ${c.detail}`);
    const head = failed.length > 0 ? `${failed.length} of ${mine.length} failed: ` : `${mine.length} passed: `;
    const detail = `${head}${lines.join('; ')}`;
    return [{ name, result: failed.length > 0 ? 'fail' : 'pass', detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail }];
  });
}

/** The release time a manifest records (read once the verifier accepted it as an evidence-manifest). */
function releaseTime(bytes: Buffer): number | undefined {
  const parsed = parseJsonText(bytes);
  const time = parsed.ok ? Date.parse(String((parsed.value as { createdAt?: unknown }).createdAt)) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

function report(input: RestoreDrillInput, startedAt: Date, finishedAt: Date, steps: DrillStep[], measured: Record<string, number>): EvidenceReport {
  const targets = { rtoSeconds: input.rtoSeconds, ...(input.rpoSeconds !== undefined ? { rpoSeconds: input.rpoSeconds } : {}) };
  return toDrillReport({ drill: 'restore', subject: input.subject, producer: input.producer, startedAt, finishedAt, targets, measured, store: input.store.url }, steps);
}
