import { MANIFEST_FILE, MAX_MANIFEST_BYTES, type ManifestLedgerHead } from '../core/bundle/types.js';
import { isMaestroError, MaestroError } from '../core/errors.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import type { LedgerWitness } from '../core/ledger/verification-types.js';
import { findLedgerHead } from '../core/ledger/witness.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { StoreOpener } from '../core/ports/store-opener.js';

/** The ports a witness is read through: a bundle in a store or folder, or a file. */
export interface WitnessIo {
  stores: StoreOpener;
  inputFiles: InputFiles;
}

/** A check run's output (65,535 characters at most) or a manifest: the largest witness file read. */
const MAX_WITNESS_BYTES = MAX_MANIFEST_BYTES;

/**
 * The ledger head recorded in `source`: a release bundle (its folder, or its store URL
 * `<store>/<tag>`) or its manifest.json, whose `ledger` field holds the head when the bundle was
 * built; or a file holding a check run's output (`gh api .../check-runs/<id> --jq .output.text`),
 * whose `Audit ledger head: <seq>:<sha256>` line holds the head when the gate was decided. A source
 * that holds no head is refused (BUNDLE_INVALID for a manifest built without --ledger).
 */
export async function readWitness(source: string, io: WitnessIo): Promise<LedgerWitness> {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const bytes = await io.inputFiles.read(source, 'witness', MAX_WITNESS_BYTES).catch((error: unknown) => {
      // A folder is a bundle folder: read its manifest below.
      if (isMaestroError(error) && error.code === 'NOT_A_FILE') return undefined;
      throw error;
    });
    if (bytes) return witnessInFile(bytes, source);
  }
  const store = await io.stores.openExisting(source, 'witness bundle', 'pass a release bundle (its folder or <store>/<tag> URL), its manifest.json, or a file with a check run\'s output.');
  const bytes = await store.read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!bytes) throw new MaestroError('FILE_NOT_FOUND', `witness ${store.url} holds no ${MANIFEST_FILE}`, { file: source, remedy: 'pass the location of one release bundle, <store>/<tag>, such as s3://acme-evidence/web/v1.2.0?region=eu-west-1.' });
  const manifest = manifestHead(bytes);
  if (!manifest) throw notAManifest(source);
  return fromManifest(manifest, `${MANIFEST_FILE} of ${store.url}`, source);
}

function witnessInFile(bytes: Buffer, source: string): LedgerWitness {
  const manifest = manifestHead(bytes);
  if (manifest) return fromManifest(manifest, source, source);
  const head = findLedgerHead(bytes.toString('utf8'));
  if (!head) throw new MaestroError('USAGE', `witness ${source} is neither a release manifest nor a text with an 'Audit ledger head: <seq>:<sha256>' line`, { file: source, remedy: 'pass a release bundle (folder, store URL or manifest.json), or the output of a Maestro check run (its text holds the line).' });
  return { ...head, source: `the check run output in ${source}` };
}

/** The release and ledger head of a manifest's bytes; undefined when they are no evidence manifest. */
export function manifestHead(bytes: Buffer): { release: string; ledger?: ManifestLedgerHead } | undefined {
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) return undefined;
  const report = parsed.value as { kind?: unknown; data?: { release?: unknown; ledger?: { seq?: unknown; sha256?: unknown; store?: unknown } } } | null;
  if (report?.kind !== 'evidence-manifest' || typeof report.data?.release !== 'string') return undefined;
  const ledger = report.data.ledger;
  const valid = ledger && Number.isSafeInteger(ledger.seq) && (ledger.seq as number) >= 1 && typeof ledger.sha256 === 'string' && /^[0-9a-f]{64}$/.test(ledger.sha256);
  return { release: report.data.release, ...(valid ? { ledger: { seq: ledger.seq as number, sha256: ledger.sha256 as string, ...(typeof ledger.store === 'string' ? { store: ledger.store } : {}) } } : {}) };
}

function fromManifest(manifest: { release: string; ledger?: ManifestLedgerHead }, where: string, source: string): LedgerWitness {
  if (!manifest.ledger) {
    throw new MaestroError('BUNDLE_INVALID', `release ${manifest.release} (${where}) records no audit ledger head: it was built without --ledger (or before maestro recorded it)`, { file: source, remedy: 'use a bundle built with maestro evidence bundle --ledger (or the evidence-bundle action with ledger-store), or pass --expect-head <seq>:<sha256>.' });
  }
  return { seq: manifest.ledger.seq, sha256: manifest.ledger.sha256, source: `release ${manifest.release} (${where})` };
}

function notAManifest(source: string): MaestroError {
  return new MaestroError('BUNDLE_INVALID', `witness ${source} is not a release bundle: its ${MANIFEST_FILE} is no evidence manifest`, { file: source, remedy: 'pass the location of one release bundle, <store>/<tag>.' });
}
