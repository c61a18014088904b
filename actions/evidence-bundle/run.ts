import { formatError, isMaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../core/bundle/types.js';
import { buildBundle, type BuiltBundle } from '../../flows/build-bundle.js';
import { ledgerHeadForRelease } from '../../flows/ledger-witness.js';
import { recordBundleInLedger } from '../../flows/record-in-ledger.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { readTagCommit } from '../../adapters/git/read-tag-commit.js';
import { ledgerOptionsFromEnv } from '../../adapters/sigstore/ledger-options-from-env.js';
import { parseSignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';
import { previousManifestReader } from '../../adapters/store/read-previous-manifest.js';
import { join } from 'node:path';

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
  /** Audit ledger store URL: the publication is recorded there as bundle.published. */
  ledgerStore?: string;
  repo: string;
  /** The release commit (the tag push's GITHUB_SHA); its committer time, read with git, dates the bundle. */
  commit: string;
  /** The checkout, where git runs. */
  workspace: string;
  runUrl?: string;
  /** Who ran the workflow (GITHUB_ACTOR): the ledger records the publication in their name. */
  actor?: string;
}

/** The runner I/O the action uses: `@actions/core` in production, a fake in tests. */
export interface ActionIo {
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  info(message: string): void;
}

/**
 * Builds, signs and publishes the release's evidence bundle inside a workflow, then says where it
 * is: outputs for the next steps (the release upload), and a job summary an auditor can read.
 */
export async function run(inputs: RunInputs, io: ActionIo): Promise<BuiltBundle | undefined> {
  try {
    const { commit, createdAt } = await readTagCommit(inputs.commit, inputs.workspace);
    // The ledger's head goes into the manifest: a witness of the ledger, signed with the bundle.
    const ledger = inputs.ledgerStore ? await openStore(inputs.ledgerStore) : undefined;
    const ledgerHead = ledger ? await ledgerHeadForRelease(ledger, inputs.store ? { store: await openStore(inputs.store), tag: inputs.release } : undefined) : undefined;
    const built = await buildBundle({
      release: inputs.release,
      artifactsDir: inputs.artifacts,
      outDir: inputs.out,
      repo: inputs.repo,
      commit,
      createdAt,
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
    // The seal settings (LEDGER_SIGNING_KEY, LEDGER_SEAL_EVERY) are the runner's environment, read here so a bad one fails the step.
    const recorded = ledger ? await recordBundleInLedger(ledger, built, { ...ledgerOptionsFromEnv(), actor: inputs.actor }) : undefined;
    io.setOutput('ledger-entry', recorded ? String(recorded.seq) : '');
    const d = built.manifest.data;
    io.info(`bundle ${d.release}: ${d.artifacts.length} artifacts, manifest.json sha256 ${built.manifestSha256}${built.published ? `, published to ${built.published.url}` : ''}`);
    await io.appendSummary(
      [
        `## Release evidence ${d.release}`,
        '',
        '| | |',
        '| --- | --- |',
        `| Commit | \`${d.commit}\` |`,
        `| Artifacts | ${d.artifacts.length} (${d.artifacts.reduce((n, a) => n + a.size, 0)} bytes) |`,
        `| Gates | ${d.gates ? d.gates.conclusion : 'no decision log of this commit among the artifacts'} |`,
        `| manifest.json sha256 | \`${built.manifestSha256}\` |`,
        `| Previous release | ${d.previous ? `${d.previousRelease} (\`${d.previous}\`)` : 'none (first of the chain)'} |`,
        `| Signature | ${built.signed ? SIGNATURE_FILE : 'not signed'} |`,
        `| Store | ${built.published ? `${built.published.url}${built.published.alreadyPresent ? ' (already published, identical)' : ''}` : 'not published'} |`,
        `| Audit ledger | ${recorded ? `entry ${recorded.seq} of ${recorded.url} (sha256 \`${recorded.sha256}\`)` : 'not recorded'} |`,
        `| Ledger head witnessed | ${d.ledger ? `entry ${d.ledger.seq} (sha256 \`${d.ledger.sha256}\`), in manifest.json` : 'none'} |`,
        '',
      ].join('\n'),
    );
    return built;
  } catch (error) {
    io.setFailed(isMaestroError(error) ? formatError(error) : `internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return undefined;
  }
}
