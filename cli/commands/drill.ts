import { isReleaseTag } from '../../core/bundle/build-manifest.js';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceProducer, EvidenceReport } from '../../core/evidence/types.js';
import { VERSION } from '../../core/generated/version.js';
import { parseDurationMs } from '../../core/util/duration.js';
import { recordInLedger } from '../../flows/record-in-ledger.js';
import { runIncidentDrill } from '../../flows/run-incident-drill.js';
import { runRestoreDrill } from '../../flows/run-restore-drill.js';
import { runWormDrill } from '../../flows/run-worm-drill.js';
import { fsInputFiles, readInputFile } from '../../adapters/fs/read-input-file.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { ledgerOptionsFromEnv } from '../../adapters/sigstore/ledger-options-from-env.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';

/** Options every drill takes: where the report goes and what it is evidence for. */
export interface DrillOptions {
  out?: string;
  /** Audit ledger store URL: the drill is recorded there. */
  ledger?: string;
  repo?: string;
  commit?: string;
}

/** Options of `maestro drill worm`. */
export interface WormDrillOptions extends DrillOptions {
  store: string;
  probeRetention: string;
}

/** Options of `maestro drill restore`. */
export interface RestoreDrillOptions extends DrillOptions {
  store: string;
  release?: string;
  rto: string;
  rpo?: string;
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  allowUnsigned?: boolean;
  /** The clock the recovery is timed and the recovery point measured by (default: the real one); not a command-line option. */
  now?: () => Date;
}

/** Options of `maestro drill incident`. */
export interface IncidentDrillOptions extends DrillOptions {
  template: string;
  ackTarget: string;
  poll: string;
  issue?: string;
  apiUrl?: string;
  /** The clock compared with the acknowledgement deadline (default: the real one); not a command-line option. */
  now?: () => Date;
}

/** `maestro drill worm`: prove the store refuses deletion, overwrite and shorter retention; write a drill-report. */
export async function wormDrillCommand(options: WormDrillOptions): Promise<number> {
  const context = drillContext(options, 'maestro drill worm');
  const seconds = Number(options.probeRetention);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400 * 3650) throw new MaestroError('USAGE', `--probe-retention '${options.probeRetention}' is not a whole number of seconds`, { remedy: 'the probe object is locked this long (default 86400, one day); pass 1 or more.' });
  // The probe speaks S3 (the AWS SDK): loaded only for this drill.
  const { s3WormProbe } = await import('../../adapters/store/s3-worm-probe.js');
  const report = await runWormDrill({ probe: s3WormProbe(await openStore(options.store)), ...context, probeRetentionSeconds: seconds });
  return finishDrill(report, options.out, 'WORM drill', options.ledger);
}

/** `maestro drill restore`: fetch the newest (or given) bundle from the store, verify it end to end, time it against the RTO. */
export async function restoreDrillCommand(options: RestoreDrillOptions): Promise<number> {
  const context = drillContext(options, 'maestro drill restore');
  if (options.release !== undefined && !isReleaseTag(options.release)) throw new MaestroError('USAGE', `--release '${options.release}' is not a release tag`, { remedy: 'pass the tag the bundle was published under, such as v1.2.0.' });
  const rtoSeconds = durationSeconds(options.rto, '--rto');
  const rpoSeconds = options.rpo === undefined ? undefined : durationSeconds(options.rpo, '--rpo');
  const { verifySigstoreBundle } = await import('../../adapters/sigstore/verify-sigstore-bundle.js');
  const report = await runRestoreDrill({
    store: await openStore(options.store),
    release: options.release,
    rtoSeconds,
    rpoSeconds,
    trust: { identity: options.identity, issuer: options.issuer, keyFile: options.key, trustedRootFile: options.trustedRoot, allowUnsigned: options.allowUnsigned },
    ...context,
    now: options.now,
  }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle });
  return finishDrill(report, options.out, 'Restore drill', options.ledger);
}

/** `maestro drill incident`: open a mock incident issue from the drill form, measure the time to the first acknowledgement. */
export async function incidentDrillCommand(options: IncidentDrillOptions): Promise<number> {
  const context = drillContext(options, 'maestro drill incident');
  if (!/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(context.subject.repo)) throw new MaestroError('USAGE', `--repo '${context.subject.repo}' is not owner/name`, { remedy: 'pass the repository the drill issue is opened in, such as acme/web.' });
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  if (!token) throw new MaestroError('USAGE', 'the incident drill needs a GitHub token to open and watch its issue', { remedy: 'set GITHUB_TOKEN to a token that may write issues (in a workflow: ${{ github.token }} with permissions: issues: write).' });
  const issue = options.issue === undefined ? undefined : Number(options.issue);
  if (issue !== undefined && (!Number.isInteger(issue) || issue < 1)) throw new MaestroError('USAGE', `--issue '${options.issue}' is not an issue number`, { remedy: 'pass the number of the drill issue to resume, such as 42.' });
  const text = (await readInputFile(options.template, 'issue form', 1024 * 1024)).toString('utf8');
  const { createGitHubDrillIssues } = await import('../../adapters/github/github-drill-issues.js');
  const report = await runIncidentDrill({
    issues: createGitHubDrillIssues(token, context.subject.repo, { baseUrl: options.apiUrl ?? process.env.GITHUB_API_URL, fetch: globalThis.fetch }),
    form: { text, file: options.template },
    issue,
    ackTargetSeconds: durationSeconds(options.ackTarget, '--ack-target'),
    pollSeconds: durationSeconds(options.poll, '--poll'),
    ...context,
    now: options.now,
  });
  return finishDrill(report, options.out, 'Incident drill', options.ledger);
}

/** The subject and producer of a drill report, from the options or the GitHub Actions environment. */
export function drillContext(options: DrillOptions, name: string): { subject: { repo: string; sha: string }; producer: EvidenceProducer } {
  const repo = options.repo ?? process.env.GITHUB_REPOSITORY;
  const sha = options.commit ?? process.env.GITHUB_SHA;
  if (!repo || !sha || !/^[0-9a-f]{40}$/.test(sha)) throw new MaestroError('USAGE', 'the drill report needs the repository and commit it is evidence for', { remedy: 'pass --repo <owner/name> and --commit <sha> (in GitHub Actions GITHUB_REPOSITORY and GITHUB_SHA are used).' });
  const runUrl = process.env.GITHUB_SERVER_URL?.startsWith('https://') && process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
  return { subject: { repo, sha }, producer: { name, version: VERSION, ...(runUrl ? { runUrl } : {}) } };
}

/** Writes the report, prints its steps and verdict; exit 0 when the drill passed, 1 when not. */
export async function finishDrill(report: EvidenceReport, out: string | undefined, title: string, ledger?: string): Promise<number> {
  if (out) await writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
  const data = report.data as { drill: string; status: string; durationSeconds: number; steps: Array<{ name: string; result: string; detail: string; response?: string }> };
  const event = { action: 'drill.completed' as const, repo: report.subject.repo, sha: report.subject.sha, at: report.createdAt, after: { drill: data.drill, status: data.status, durationSeconds: data.durationSeconds } };
  const recorded = ledger ? await recordInLedger(await openStore(ledger), event, { ...ledgerOptionsFromEnv(), actor: process.env.GITHUB_ACTOR }) : undefined;
  const lines = data.steps.map((s) => `${s.result.toUpperCase().padEnd(5)} ${s.name}: ${s.detail}${s.response ? `\n        answer: ${s.response}` : ''}`);
  lines.push(`${title} ${data.status === 'pass' ? 'passed' : 'FAILED'}${out ? `; report written to ${out}` : ''}${recorded ? `; recorded as entry ${recorded.seq} of the audit ledger ${recorded.url}` : ''}`);
  await printOut(`${lines.join('\n')}\n`);
  return data.status === 'pass' ? 0 : 1;
}

/** Seconds in an ISO 8601 duration option (PT4H, PT90S); zero or unreadable is bad input. */
function durationSeconds(text: string, option: string): number {
  const ms = parseDurationMs(text);
  if (!ms) throw new MaestroError('USAGE', `${option} '${text}' is not a duration`, { remedy: 'write it in ISO 8601, such as PT4H, PT30M or PT90S.' });
  return ms / 1000;
}
