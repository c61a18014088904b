import { formatError, isMaestroError, MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { PACK_INDEX } from '../../core/bundle/pack-types.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../core/bundle/types.js';
import { buildBundle, type BuiltBundle } from '../../flows/build-bundle.js';
import { missingRequired, packForRelease, publisherLogin, renderMissingRequired } from '../../flows/gather-evidence-pack.js';
import { ledgerHeadForRelease } from '../../flows/ledger-witness.js';
import { recordBundleInLedger } from '../../flows/record-in-ledger.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { readTagCommit } from '../../adapters/git/read-tag-commit.js';
import type { ReleaseGitHub } from '../../adapters/github/release-github.js';
import { ledgerOptionsFromEnv } from '../../adapters/sigstore/ledger-options-from-env.js';
import { parseSignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';
import { previousManifestReader } from '../../adapters/store/read-previous-manifest.js';
import { join } from 'node:path';
import { renderBundleSummary, renderRefusalSummary, type PullsOrigin } from './render-summary.js';

/** What the action reads, already resolved by main.ts from its inputs and the runner's environment. */
export interface RunInputs {
  release: string;
  artifacts: string;
  out: string;
  previous?: string;
  /** The previous release's tag, found in the store. */
  previousRelease?: string;
  /** `keyless`, `key:<file>` or `none`. */
  sign: string;
  store?: string;
  /** Audit ledger store URL: the publication is recorded there as bundle.published, and the pack holds its entries since the previous release. */
  ledgerStore?: string;
  repo: string;
  /** The release commit (the tag push's GITHUB_SHA); its committer time, read with git, dates the bundle. */
  commit: string;
  /** The checkout, where git runs. */
  workspace: string;
  runUrl?: string;
  /** Who ran the workflow (GITHUB_ACTOR): the ledger records the publication, and the pack an override, in their name. */
  actor?: string;
  /** Gather the evidence pack: true or false (YAML 1.2 forms); it is gathered anyway when the catalog marks controls required for releases. */
  pack?: boolean | string;
  /** File listing the merged pull requests, instead of asking GitHub. */
  pulls?: string;
  /** Folder or store URL of decision logs, beside those GitHub holds when `fromGitHub.decisionLogs`. */
  decisionLogs?: string;
  /** What to ask GitHub for: the pull requests merged since the previous release, their decision-log artifacts. */
  fromGitHub?: { pulls: boolean; decisionLogs: boolean };
  /** Folder or store URL of drill and drift reports. */
  reports?: string;
  /** Name of the artifacts holding the gate's decision logs (checked here; main.ts passes it to the GitHub client). */
  decisionLogArtifact?: string;
  /** Folder of control files (the shipped catalog without it). */
  catalog?: string;
  /** Publish although controls required for releases lack evidence, for this reason (recorded in the pack). */
  overrideRequired?: string;
}

/** The runner I/O the action uses: `@actions/core` in production, a fake in tests. */
export interface ActionIo {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  info(message: string): void;
  warning?(message: string): void;
}

/** The release's GitHub, made by main.ts from the token; absent without one. */
export type ReleaseGitHubFactory = () => ReleaseGitHub;

/**
 * Builds, signs and publishes the release's evidence bundle inside a workflow, then says where it
 * is: outputs for the next steps (the release upload), and a job summary an auditor can read. The
 * evidence pack is gathered first, by the flow `maestro evidence bundle` uses: a release it refuses
 * (controls required for releases without evidence, no override) fails the step before anything is
 * written or published.
 */
export async function run(inputs: RunInputs, io: ActionIo, github?: ReleaseGitHubFactory): Promise<BuiltBundle | undefined> {
  try {
    const { commit, createdAt } = await readTagCommit(inputs.commit, inputs.workspace);
    // The ledger's head goes into the manifest: a witness of the ledger, signed with the bundle.
    const ledger = inputs.ledgerStore ? await openStore(inputs.ledgerStore) : undefined;
    const ledgerHead = ledger ? await ledgerHeadForRelease(ledger, inputs.store ? { store: await openStore(inputs.store), tag: inputs.release } : undefined) : undefined;
    const pack = parsePack(inputs.pack);
    if (inputs.decisionLogArtifact !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(inputs.decisionLogArtifact)) throw new MaestroError('USAGE', `decision-log-artifact ${JSON.stringify(inputs.decisionLogArtifact)} is not an artifact name`, { remedy: 'name the artifact the gate\'s workflow uploads its decision log in (maestro-decision-log by default).' });
    const asked = inputs.fromGitHub ?? { pulls: false, decisionLogs: false };
    const asksGitHub = (asked.pulls && !inputs.pulls) || asked.decisionLogs;
    // Without a token GitHub cannot be asked: said in the log and the summary, never silently.
    const unasked = asksGitHub && !github ? 'github-token is empty: the pull requests and their decision logs were not asked of GitHub' : undefined;
    if (unasked) io.warning?.(unasked);
    const fromGitHub = unasked ? { pulls: false, decisionLogs: false } : asked;
    const forge = asksGitHub && github ? github() : undefined;
    const planned = await packForRelease(
      { pack, decisionLogs: inputs.decisionLogs, pulls: inputs.pulls, fromForge: fromGitHub, reports: inputs.reports, catalog: inputs.catalog, overrideRequired: inputs.overrideRequired, previous: inputs.previous, previousRelease: inputs.previousRelease, store: inputs.store },
      { release: inputs.release, repo: inputs.repo, commit, createdAt, artifactsDir: inputs.artifacts, ledger, ledgerHead, by: publisherLogin(inputs.actor) },
      { stores: storeOpener, bundleFiles: fsBundleFiles, inputFiles: fsInputFiles, loadCatalog: (dir) => loadCatalog(dir), previousManifests: previousManifestReader, ...(forge ? { forge } : {}) },
    );
    for (const note of forge?.stats.notes ?? []) io.warning?.(note);
    const refused = missingRequired(planned);
    io.setOutput('required-missing', planned?.index.required.missing.join(',') ?? '');
    io.setOutput('override-required', planned?.index.required.override?.reason ?? '');
    if (planned && refused.length > 0) {
      await io.appendSummary(renderRefusalSummary(inputs.release, planned));
      io.setFailed(renderMissingRequired(planned, { evidence: 'the artifacts or reports input', override: 'the override-required input set to the reason' }).trimEnd());
      return undefined;
    }
    const built = await buildBundle({
      release: inputs.release,
      artifactsDir: inputs.artifacts,
      outDir: inputs.out,
      repo: inputs.repo,
      commit,
      createdAt,
      extraFiles: planned?.files,
      producer: { name: 'maestro evidence-bundle action', version: VERSION, ...(inputs.runUrl ? { runUrl: inputs.runUrl } : {}) },
      previous: inputs.previous,
      previousRelease: inputs.previousRelease,
      signer: inputs.sign === 'none' ? undefined : statementSigner(parseSignMode(inputs.sign)),
      store: inputs.store,
      ledgerHead,
    }, { bundleFiles: fsBundleFiles, stores: storeOpener, previousManifests: previousManifestReader });
    io.setOutput('bundle-dir', built.outDir);
    io.setOutput('manifest-path', join(built.outDir, MANIFEST_FILE));
    io.setOutput('signature-path', built.signed ? join(built.outDir, SIGNATURE_FILE) : '');
    io.setOutput('manifest-sha256', built.manifestSha256);
    io.setOutput('store-url', built.published?.url ?? '');
    io.setOutput('pack-index-path', planned ? join(built.outDir, PACK_INDEX) : '');
    io.setOutput('pull-requests', planned ? planned.index.pulls.map((p) => p.number).join(',') : '');
    io.setOutput('pull-requests-without-decision-log', planned ? planned.index.pullsWithoutDecisionLog.join(',') : '');
    // The seal settings (LEDGER_SIGNING_KEY, LEDGER_SEAL_EVERY) are the runner's environment, read here so a bad one fails the step.
    const recorded = ledger ? await recordBundleInLedger(ledger, built, { ...ledgerOptionsFromEnv(), actor: inputs.actor }) : undefined;
    io.setOutput('ledger-entry', recorded ? String(recorded.seq) : '');
    const d = built.manifest.data;
    io.info(`bundle ${d.release}: ${d.artifacts.length} artifacts, manifest.json sha256 ${built.manifestSha256}${built.published ? `, published to ${built.published.url}` : ''}`);
    const override = planned?.index.required.override;
    if (override) io.warning?.(`published without evidence for ${override.controls.join(', ')} (required for every release), overridden by ${override.by}: ${override.reason}`);
    const origin: PullsOrigin = { pulls: inputs.pulls ? 'file' : fromGitHub.pulls ? 'github' : 'decision logs', notes: [...(unasked ? [unasked] : []), ...(forge?.stats.notes ?? [])], ...(forge ? { requests: forge.stats.requests, commits: forge.stats.commits } : {}) };
    await io.appendSummary(renderBundleSummary(built, recorded, planned, origin, inputs.overrideRequired));
    return built;
  } catch (error) {
    io.setFailed(isMaestroError(error) ? formatError(error) : `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return undefined;
  }
}

/** The pack input as YAML 1.2 reads a boolean; a usage error naming the input otherwise. */
function parsePack(value: boolean | string | undefined): boolean | undefined {
  if (typeof value !== 'string') return value;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new MaestroError('USAGE', `the input pack ${JSON.stringify(value)} is not true or false`, { remedy: 'set pack to true (the default) or false.' });
}
