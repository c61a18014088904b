import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { buildBundle } from '../../flows/build-bundle.js';
import { ledgerHeadForRelease } from '../../flows/ledger-witness.js';
import { recordBundleInLedger } from '../../flows/record-in-ledger.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { printOut } from '../../adapters/fs/write-output.js';
import { readTagCommit } from '../../adapters/git/read-tag-commit.js';
import { ledgerOptionsFromEnv } from '../../adapters/sigstore/ledger-options-from-env.js';
import { parseSignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';
import { previousManifestReader } from '../../adapters/store/read-previous-manifest.js';
import { cliRepository } from '../report-context.js';
import { packForRelease, renderMissingRequired, type PackOptions } from './evidence-pack.js';

/** Options of `maestro evidence bundle`, as the command line gives them. */
export interface BundleOptions extends PackOptions {
  release: string;
  artifacts: string;
  out: string;
  previous?: string;
  previousRelease?: string;
  sign?: string;
  store?: string;
  repo?: string;
  commit?: string;
  createdAt?: string;
  format: 'text' | 'json';
  /** Audit ledger store URL: the publication is recorded there. */
  ledger?: string;
}

/** `maestro evidence bundle` (also `ig-evidence`): build, sign and publish a release bundle. Returns the exit code. */
export async function bundleCommand(options: BundleOptions): Promise<number> {
  const repo = cliRepository(options.repo);
  if (options.commit !== undefined && !/^[0-9a-f]{40}$/.test(options.commit)) throw new MaestroError('USAGE', `--commit '${options.commit}' is not a full 40-hex commit SHA`, { remedy: 'pass the full SHA (git rev-parse <tag>^{commit}).' });
  if (options.createdAt !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(options.createdAt)) {
    throw new MaestroError('USAGE', `--created-at '${options.createdAt}' is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  }
  const fromTag = options.commit && options.createdAt ? undefined : await readTagCommit(options.release, process.cwd());
  // The ledger's head goes into the manifest: a witness of the ledger, signed with the bundle.
  const ledger = options.ledger ? await openStore(options.ledger) : undefined;
  const ledgerHead = ledger ? await ledgerHeadForRelease(ledger, options.store ? { store: await openStore(options.store), tag: options.release } : undefined) : undefined;
  const commit = options.commit ?? fromTag!.commit;
  const createdAt = options.createdAt ?? fromTag!.createdAt;
  // The evidence pack is gathered before anything is written: a release it refuses leaves no bundle behind.
  const pack = await packForRelease(options, { release: options.release, repo, commit, createdAt, artifactsDir: options.artifacts, ledger, ledgerHead });
  if (pack && pack.index.required.missing.length > 0 && !pack.index.required.override) {
    process.stderr.write(renderMissingRequired(pack));
    return 1;
  }
  const built = await buildBundle({
    release: options.release,
    artifactsDir: options.artifacts,
    outDir: options.out,
    repo,
    commit,
    createdAt,
    extraFiles: pack?.files,
    producer: { name: 'maestro evidence bundle', version: VERSION },
    previous: options.previous,
    previousRelease: options.previousRelease,
    signer: options.sign ? statementSigner(parseSignMode(options.sign)) : undefined,
    store: options.store,
    ledgerHead,
  }, { bundleFiles: fsBundleFiles, stores: storeOpener, previousManifests: previousManifestReader });
  const recorded = ledger ? await recordBundleInLedger(ledger, built, { ...ledgerOptionsFromEnv(), actor: process.env.GITHUB_ACTOR }) : undefined;
  if (options.format === 'json') {
    await printOut(`${JSON.stringify({ outDir: built.outDir, release: built.manifest.data.release, manifestSha256: built.manifestSha256, signed: built.signed, artifacts: built.manifest.data.artifacts.length, previous: built.manifest.data.previous, published: built.published ?? null, ledger: recorded ?? null, pack: pack ? { pulls: pack.index.pulls.length, pullsWithoutDecisionLog: pack.index.pullsWithoutDecisionLog, reports: pack.index.reports.length, ledger: pack.index.ledger ? { from: pack.index.ledger.from, to: pack.index.ledger.to } : null, required: pack.index.required } : null }, null, 2)}\n`);
    return 0;
  }
  const d = built.manifest.data;
  const lines = [
    `bundle ${d.release} (${d.commit}) in ${built.outDir}`,
    `  ${d.artifacts.length} artifacts, ${d.artifacts.reduce((n, a) => n + a.size, 0)} bytes${d.gates ? `; gates ${d.gates.conclusion}` : ''}`,
    `  manifest.json sha256 ${built.manifestSha256}`,
    `  previous ${d.previous ? `${d.previousRelease} (sha256 ${d.previous})` : 'none: first release of the chain'}`,
    `  ${built.signed ? 'signed: manifest.sigstore.json' : 'not signed'}`,
  ];
  if (built.published) lines.push(built.published.alreadyPresent ? `  already published at ${built.published.url}, identical` : `  published ${built.published.objects.length} objects to ${built.published.url}, manifest last${built.published.objects[0]?.retention ? `; locked ${built.published.objects[0].retention.mode} until ${built.published.objects[0].retention.retainUntil}` : ''}`);
  if (pack) {
    const p = pack.index;
    lines.push(`  evidence pack: ${p.pulls.length} pull request(s)${p.pullsWithoutDecisionLog.length > 0 ? ` (${p.pullsWithoutDecisionLog.length} without a decision log: ${p.pullsWithoutDecisionLog.map((n) => `#${n}`).join(', ')})` : ''}, ${p.reports.length} drill/drift report(s)${p.ledger ? `, ledger entries ${p.ledger.from} to ${p.ledger.to}` : ''}, catalog ${p.catalog.digest.slice(0, 12)}`);
    if (p.required.override) lines.push(`  OVERRIDDEN: published without evidence for ${p.required.override.controls.join(', ')} by ${p.required.override.by}: ${p.required.override.reason}`);
  }
  if (d.ledger) lines.push(`  witnesses the audit ledger head: entry ${d.ledger.seq} (sha256 ${d.ledger.sha256})`);
  if (recorded) lines.push(`  recorded as entry ${recorded.seq} of the audit ledger ${recorded.url}`);
  await printOut(`${lines.join('\n')}\n`);
  return 0;
}

