/** One thing the verifier checked, with what it found. */
export interface VerificationCheck {
  /**
   * What kind of check: manifest, release (the manifest is of the release asked for), contents (the
   * manifest agrees with itself and its artifacts), artifact, unlisted, overwrite (S3: versions or
   * delete markers written over a locked object), retention, signature, chain.
   */
  check: 'manifest' | 'release' | 'contents' | 'artifact' | 'unlisted' | 'overwrite' | 'retention' | 'signature' | 'chain';
  /** What it was about: a path in the bundle, a release tag. */
  subject: string;
  result: 'pass' | 'fail';
  /** A sentence saying what was compared and what was found. */
  detail: string;
}

/** The verifier's answer: every check, and whether all of them held. */
export interface BundleVerification {
  location: string;
  release?: string;
  ok: boolean;
  checks: VerificationCheck[];
}

/** The report as text: one line per check, failures first, then a closing verdict. */
export function renderVerification(v: BundleVerification): string {
  const failed = v.checks.filter((c) => c.result === 'fail');
  const passed = v.checks.filter((c) => c.result === 'pass');
  const line = (c: VerificationCheck): string => `${c.result === 'pass' ? 'PASS' : 'FAIL'}  ${c.check} ${c.subject}: ${c.detail}`;
  const verdict = v.ok
    ? `verified: ${v.release ?? 'bundle'} at ${v.location}, ${v.checks.length} checks passed`
    : `NOT VERIFIED: ${failed.length} of ${v.checks.length} checks failed for ${v.release ?? 'the bundle'} at ${v.location}`;
  return `${[...failed.map(line), ...passed.map(line), verdict].join('\n')}\n`;
}
