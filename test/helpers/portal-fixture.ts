import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeReport } from './build-evidence.js';
import { makeKeyPair, tempDir, writeTree } from './release-bundle.js';
import { openLedgerAt } from './real-adapters.js';
import { runMain } from './run-main.js';
import { fixedClock } from './clock.js';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(join(root, 'test/fixtures/evidence/valid', name), 'utf8'));

/** Text a hostile contributor could put in evidence: HTML, script, markdown links, attribute breakers. */
export const HOSTILE = `<script>alert("pwn")</script><img src=x onerror=alert(1)> [click](javascript:alert(2)) "'><b>bold</b> & &amp;`;

/** The three chained releases of the portal tests: their tags, commits and times. */
export const RELEASES = [
  { tag: 'v1.0.0', commit: '1'.repeat(40), createdAt: '2026-10-01T12:00:00Z', p95: 280, burn: 0.12 },
  { tag: 'v1.1.0', commit: '2'.repeat(40), createdAt: '2026-10-15T12:00:00Z', p95: 312.8, burn: 0.24 },
  { tag: 'v1.2.0', commit: '3'.repeat(40), createdAt: '2026-11-01T12:00:00Z', p95: 340, burn: 0.35 },
] as const;

/** Pull requests v1.2.0 has beyond its three: more than its page shows. */
export const EXTRA_PULLS = 105;

/** The artifact of v1.2.0 that is altered after publication. */
export const TAMPERED = 'reports/notes.txt';

/** A decision log of `sha` (of pull request `pr`, or of the release commit when absent). */
export function decisionLog(sha: string, evaluatedAt: string, decisions: Array<{ ruleId: string; result: string; explanation: string }>, extra: { pr?: number; conclusion?: string; override?: Record<string, unknown> } = {}): Record<string, unknown> {
  const log = makeReport('decision-log', {
    gate: { checkName: 'Enforce GA Gates Evidence', conclusion: extra.conclusion ?? 'success', headline: 'all applicable controls pass', evaluatedAt, catalogDigest: 'd'.repeat(64), configDigest: 'e'.repeat(64), ...(extra.override ? { override: extra.override } : {}) },
    decisions: decisions.map((d, i) => ({ decisionId: `dec_${(i + 1).toString(16).padStart(16, '0')}`, evidence: [], ...d })),
  }, { sha, createdAt: evaluatedAt });
  if (extra.pr === undefined) delete (log.subject as { pr?: number }).pr;
  else (log.subject as { pr?: number }).pr = extra.pr;
  return log;
}

/** A store of three chained, key-signed releases built with `maestro evidence bundle --pack`, a ledger, and v1.2.0 tampered after publication. */
export interface PortalStore {
  dir: string;
  store: string;
  ledger: string;
  publicKey: string;
  /** A good copy of an artifact as published (v1.1.0 reports/notes.txt) and the tampered one as the store now holds it. */
  goodFile: string;
  tamperedFile: string;
}

/**
 * Builds the portal tests' store through the real CLI: v1.0.0 with a waived control (its reason
 * hostile), v1.1.0 whose gate was overridden, v1.2.0 with pull requests whose titles are hostile,
 * each with decision logs, a drill report and ledger entries; then alters v1.2.0's notes.
 */
export async function buildPortalStore(): Promise<PortalStore> {
  const dir = tempDir('maestro-portal-');
  const { privateKey, publicKey } = makeKeyPair(dir);
  const store = join(dir, 'store');
  const ledger = join(dir, 'ledger');
  const opened = await openLedgerAt(ledger, { now: fixedClock('2026-09-30T09:00:00Z') });
  let pr = 1;
  for (const [i, r] of RELEASES.entries()) {
    await opened.append({ action: i === 1 ? 'override.granted' : 'waiver.granted', actor: 'alice', at: r.createdAt.replace('12:00', '09:00'), repo: 'acme/web', number: pr, controlId: 'GA-25', reason: i === 0 ? HOSTILE : 'hotfix for an outage' });
    const logs: Record<string, string> = {};
    const pulls: Array<Record<string, unknown>> = [];
    for (let n = 0; n < 3; n++, pr++) {
      const sha = pr.toString(16).padStart(40, 'a');
      const opened = new Date(Date.parse(r.createdAt) - (48 - n * 12) * 3_600_000).toISOString();
      const passAt = new Date(Date.parse(opened) + (n + 1) * 3 * 3_600_000).toISOString();
      const failAt = new Date(Date.parse(opened) + 3_600_000).toISOString();
      const waived = i === 0 && n === 1;
      const overridden = i === 1 && n === 2;
      logs[`pr-${pr}-a.json`] = JSON.stringify(decisionLog(sha, failAt, [{ ruleId: 'GA-25', result: 'fail', explanation: '2 critical violations' }], { pr, conclusion: 'failure' }));
      logs[`pr-${pr}-b.json`] = JSON.stringify(decisionLog(sha, passAt, [
        waived ? { ruleId: 'GA-25', result: 'waived', explanation: `Waived by @bob until 2026-12-31 (reason: ${HOSTILE}). Without the waiver the result would be fail. 2 critical violations` } : { ruleId: 'GA-25', result: overridden ? 'fail' : 'pass', explanation: overridden ? 'still failing' : 'met' },
      ], { pr, conclusion: overridden ? 'success' : 'success', ...(overridden ? { override: { by: 'carol', reason: `outage fix ${HOSTILE}`, at: passAt, sha, state: 'applied', wouldBe: 'failure' } } : {}) }));
      pulls.push({ number: pr, title: i === 2 && n === 0 ? HOSTILE : `Change ${pr}`, author: 'dev', openedAt: opened, mergedAt: new Date(Date.parse(passAt) + 3_600_000).toISOString() });
    }
    if (i === 2) {
      // Enough pull requests that the release's list runs onto pull request and file pages of their own.
      for (let n = 0; n < EXTRA_PULLS; n++, pr++) {
        const sha = pr.toString(16).padStart(40, 'b');
        const at = new Date(Date.parse(r.createdAt) - (n + 2) * 600_000).toISOString();
        logs[`pr-${pr}.json`] = JSON.stringify(decisionLog(sha, at, [{ ruleId: 'GA-01', result: 'pass', explanation: 'met' }], { pr }));
        pulls.push({ number: pr, title: `Routine change ${pr}`, author: 'dev', openedAt: new Date(Date.parse(at) - 7_200_000).toISOString() });
      }
    }
    const release = decisionLog(r.commit, r.createdAt.replace('12:00', '11:00'), [
      { ruleId: 'GA-01', result: 'pass', explanation: 'met' },
      { ruleId: 'GA-25', result: i === 0 ? 'waived' : i === 1 ? 'fail' : 'pass', explanation: i === 0 ? `Waived by @alice until 2026-12-31 (reason: ${HOSTILE}). Without the waiver the result would be fail. a11y: 2 critical` : i === 1 ? 'a11y: 2 critical violations' : 'met' },
      { ruleId: 'GA-26', result: 'not-applicable', explanation: 'Does not apply: no label or path matches.' },
    ], i === 1 ? { conclusion: 'success', override: { by: 'carol', reason: 'ship the outage fix now', at: r.createdAt.replace('12:00', '10:30'), sha: r.commit, state: 'applied', wouldBe: 'failure' } } : {});
    const k6 = fixture('k6-summary.json');
    k6.subject = { repo: 'acme/web', sha: r.commit };
    k6.data.thresholds[0].value = r.p95;
    const slo = fixture('slo-burn.json');
    slo.subject = { repo: 'acme/web', sha: r.commit };
    slo.data.slos[0].budgetConsumed = r.burn;
    const drill = fixture('drill-report.json');
    drill.subject = { repo: 'acme/web', sha: r.commit };
    drill.createdAt = r.createdAt.replace('12:00', '08:00');
    const artifacts = writeTree(join(dir, `artifacts-${r.tag}`), {
      'gates/decision-log.json': JSON.stringify(release),
      'perf/k6-summary.json': JSON.stringify(k6),
      'perf/slo-burn.json': JSON.stringify(slo),
      [TAMPERED]: `release notes of ${r.tag}\n`,
    });
    writeTree(join(dir, `logs-${r.tag}`), logs);
    writeTree(join(dir, `drills-${r.tag}`), { 'drill.json': JSON.stringify(drill) });
    writeFileSync(join(dir, `pulls-${r.tag}.json`), JSON.stringify({ pulls }));
    const result = await runMain([
      'evidence', 'bundle', '--release', r.tag, '--artifacts', artifacts, '--out', join(dir, `out-${r.tag}`), '--repo', 'acme/web',
      '--commit', r.commit, '--created-at', r.createdAt, '--sign', `key:${privateKey}`, '--store', pathToFileURL(store).href, '--ledger', pathToFileURL(ledger).href,
      '--decision-logs', join(dir, `logs-${r.tag}`), '--pulls', join(dir, `pulls-${r.tag}.json`), '--reports', join(dir, `drills-${r.tag}`),
      ...(i > 0 ? ['--previous-release', RELEASES[i - 1]!.tag] : []),
    ], { GITHUB_ACTOR: 'release-bot' });
    if (result.code !== 0) throw new Error(`bundle ${r.tag} failed (${result.code}): ${result.stderr}${result.stdout}`);
  }
  const tampered = join(store, 'v1.2.0', TAMPERED);
  chmodSync(tampered, 0o644);
  writeFileSync(tampered, 'release notes of v1.2.0, quietly edited\n');
  const goodFile = join(dir, 'out-v1.1.0', TAMPERED);
  return { dir, store: pathToFileURL(store).href, ledger: pathToFileURL(ledger).href, publicKey, goodFile, tamperedFile: tampered };
}
