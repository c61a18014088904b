import { isReportCandidate, MAX_BUNDLED_REPORT_BYTES } from '../core/bundle/check-manifest-contents.js';
import { planEvidencePack, type ListedPull, type PlannedPack, type ReadReport } from '../core/bundle/plan-evidence-pack.js';
import type { Catalog } from '../core/controls/types.js';
import { parseEvidenceFiles } from '../core/evidence/parse-evidence.js';
import type { EvidenceReport } from '../core/evidence/types.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, type ManifestLedgerHead } from '../core/bundle/types.js';
import { isMaestroError, MaestroError } from '../core/errors.js';
import { entryKey, MAX_ENTRY_BYTES } from '../core/ledger/build-entry.js';
import type { BundleFiles } from '../core/ports/bundle-files.js';
import type { LoadCatalog } from '../core/ports/catalog-source.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { PreviousManifestReader } from '../core/ports/previous-manifest-reader.js';
import type { StoreOpener } from '../core/ports/store-opener.js';
import { manifestHead, readWitness } from './read-witness.js';

/** Where the pack's parts come from. */
export interface GatherPackInput {
  release: string;
  repo: string;
  commit: string;
  createdAt: string;
  previousRelease: string | null;
  /** The release's artifacts folder: its reports decide which required controls have evidence. */
  artifactsDir: string;
  catalog: Catalog;
  /** Folder or store URL of pull requests' decision logs (the gate check runs' outputs). */
  decisionLogs?: string;
  /** File listing the pull requests merged since the previous release: `{"pulls": [{"number", "title", "author", "openedAt", "mergedAt"}]}`. */
  pulls?: string;
  /**
   * What to ask the forge (`io.forge`) for: the pull requests merged since `previousRelease` (when no
   * `pulls` file is given; none for a first release), and their decision logs (beside `decisionLogs`).
   */
  fromForge?: { pulls: boolean; decisionLogs: boolean };
  /** Folder or store URL of drill and drift reports. */
  reports?: string;
  /** The ledger, the head this release witnesses, and the head the previous release witnessed. */
  ledger?: { store: EvidenceStore; head: number; previousHead: number };
  overrideRequired?: { by: string; reason: string };
}

/**
 * The forge a release's pull requests were merged on (adapters/github implements it for GitHub):
 * those merged between the previous release and this one, and the decision logs their gate left.
 */
export interface ReleasePullsSource {
  /** The pull requests that brought the commits of `previousRelease...commit`, each with the head commit it was merged with. */
  listPulls(range: { previousRelease: string; commit: string }): Promise<ListedPull[]>;
  /** Files that may be decision logs of these pull requests (those that are not are left out), named for messages. */
  decisionLogFiles(pulls: readonly ListedPull[]): Promise<Array<{ name: string; bytes: Uint8Array }>>;
}

/** The ports a pack is gathered through. */
export interface GatherPackIo {
  stores: StoreOpener;
  bundleFiles: BundleFiles;
  inputFiles: InputFiles;
  /** Needed only when `fromForge` asks for something. */
  forge?: ReleasePullsSource;
}

/** Largest list of merged pull requests read. */
const MAX_PULLS_BYTES = 64 * 1024 * 1024;

/**
 * Gathers a release's evidence pack: reads the decision logs, the list of merged pull requests, the
 * drill and drift reports, the ledger entries in the release's range and the release's own reports,
 * and plans the pack's files (see `planEvidencePack`). Reads only; nothing is written.
 */
export async function gatherEvidencePack(input: GatherPackInput, io: GatherPackIo): Promise<PlannedPack> {
  const [artifactReports, decisionLogs, reports, pullsAndLogs, ledger] = await Promise.all([
    readArtifactReports(input.artifactsDir, io),
    input.decisionLogs ? readStoreReports(input.decisionLogs, 'decision logs folder', io) : Promise.resolve([]),
    input.reports ? readStoreReports(input.reports, 'reports folder', io) : Promise.resolve([]),
    readPullsAndForgeLogs(input, io),
    input.ledger ? readLedgerRange(input.ledger) : Promise.resolve(undefined),
  ]);
  const { pulls, forgeLogs } = pullsAndLogs;
  return planEvidencePack({ ...input, catalog: input.catalog, artifactReports, decisionLogs: [...decisionLogs, ...forgeLogs], reports, pulls, ledger });
}

/** The merged pull requests (the file's, else the forge's when asked) and the decision logs the forge holds for them. */
async function readPullsAndForgeLogs(input: GatherPackInput, io: GatherPackIo): Promise<{ pulls?: ListedPull[]; forgeLogs: ReadReport[] }> {
  const wanted = input.fromForge ?? { pulls: false, decisionLogs: false };
  if (((wanted.pulls && !input.pulls) || wanted.decisionLogs) && !io.forge) throw new Error('gatherEvidencePack: fromForge asks the forge, but no forge port was given');
  // The first release of a chain has no range to list: its pulls are those its decision logs name.
  const pulls = input.pulls ? await readPulls(input.pulls, io.inputFiles)
    : wanted.pulls && input.previousRelease ? await io.forge!.listPulls({ previousRelease: input.previousRelease, commit: input.commit })
    : undefined;
  if (!wanted.decisionLogs || !pulls || pulls.length === 0) return { pulls, forgeLogs: [] };
  const files = await io.forge!.decisionLogFiles(pulls);
  const items = await parseEvidenceFiles(files.map((f) => ({ bytes: f.bytes, path: f.name })));
  const forgeLogs = items.flatMap((item, i): ReadReport[] => (item.status === 'valid' && item.report.kind === 'decision-log' ? [{ name: files[i]!.name, bytes: Buffer.from(files[i]!.bytes), report: item.report }] : []));
  return { pulls, forgeLogs };
}

async function readArtifactReports(dir: string, io: GatherPackIo): Promise<Array<{ path: string; report: EvidenceReport }>> {
  const files = await io.bundleFiles.collect(dir);
  const out: Array<{ path: string; report: EvidenceReport }> = [];
  for (const file of files) {
    if (!file.path.toLowerCase().endsWith('.json')) continue;
    const digest = await io.bundleFiles.hash(file.source);
    if (!isReportCandidate({ path: file.path, size: digest.size })) continue;
    const [item] = await parseEvidenceFiles([{ bytes: await io.inputFiles.read(file.source, 'artifact', MAX_BUNDLED_REPORT_BYTES), path: file.path }]);
    if (item?.status === 'valid') out.push({ path: file.path, report: item.report });
  }
  return out;
}

/** Every valid report below a folder or store URL; files that are no valid report are left out (they are not evidence of anything). */
async function readStoreReports(where: string, what: string, io: GatherPackIo): Promise<ReadReport[]> {
  const store = await io.stores.openExisting(where, what, `pass the ${what} that holds the reports (a folder, file:// or s3:// URL).`);
  const keys = (await store.list()).filter((k) => k.toLowerCase().endsWith('.json'));
  const out: ReadReport[] = [];
  for (let i = 0; i < keys.length; i += 64) {
    const batch = keys.slice(i, i + 64);
    const read = await Promise.all(batch.map(async (key) => ({ key, bytes: await store.read(key, MAX_BUNDLED_REPORT_BYTES).catch(() => undefined) })));
    const present = read.filter((r): r is { key: string; bytes: Buffer } => r.bytes !== undefined);
    const items = await parseEvidenceFiles(present.map((r) => ({ bytes: r.bytes, path: r.key })));
    items.forEach((item, j) => {
      if (item.status === 'valid') out.push({ name: `${store.url}/${present[j]!.key}`, bytes: present[j]!.bytes, report: item.report });
    });
  }
  return out;
}

/** The list of merged pull requests: `{"pulls": [...]}` as `maestro scoreboard --pulls-out` writes it, with optional title, author and openedAt. */
export async function readPulls(path: string, files: InputFiles): Promise<ListedPull[]> {
  const value = (await files.readJson(path, 'pull request list', MAX_PULLS_BYTES)) as { pulls?: unknown };
  const bad = (pointer: string, why: string): MaestroError => new MaestroError('SCHEMA_INVALID', `pull request list ${path} at ${pointer}: ${why}`, { file: path, pointer, remedy: 'write {"pulls": [{"number": 12, "title": "...", "author": "login", "openedAt": "2026-11-01T09:00:00Z", "mergedAt": "..."}]}.' });
  if (!value || typeof value !== 'object' || !Array.isArray(value.pulls)) throw bad('/pulls', 'must be an array');
  return value.pulls.map((raw: unknown, i) => {
    const p = raw as Record<string, unknown>;
    if (!p || typeof p !== 'object' || !Number.isSafeInteger(p.number) || (p.number as number) < 1) throw bad(`/pulls/${i}/number`, 'must be a pull request number');
    const text = (key: string, max: number): string | undefined => {
      if (p[key] === undefined || p[key] === null) return undefined;
      if (typeof p[key] !== 'string' || (p[key] as string).length > max) throw bad(`/pulls/${i}/${key}`, `must be text of at most ${max} characters`);
      if (key.endsWith('At') && Number.isNaN(Date.parse(p[key] as string))) throw bad(`/pulls/${i}/${key}`, 'must be an RFC 3339 time');
      return p[key] as string;
    };
    const pull: ListedPull = { number: p.number as number };
    for (const [key, max] of [['title', 1000], ['author', 100], ['openedAt', 40], ['mergedAt', 40]] as const) {
      const v = text(key, max);
      if (v !== undefined) pull[key] = v;
    }
    return pull;
  });
}

/** The ledger's stored entries after the previous release's head, up to this release's: their exact bytes. */
async function readLedgerRange(ledger: NonNullable<GatherPackInput['ledger']>): Promise<{ store: string; entries: Array<{ seq: number; bytes: Buffer }> }> {
  const entries: Array<{ seq: number; bytes: Buffer }> = [];
  for (let seq = ledger.previousHead + 1; seq <= ledger.head; seq++) {
    const bytes = await ledger.store.read(entryKey(seq), MAX_ENTRY_BYTES);
    if (!bytes) throw new MaestroError('LEDGER_TAMPERED', `the audit ledger ${ledger.store.url} has no entry ${seq}, below its head ${ledger.head}`, { remedy: `run maestro ledger verify ${ledger.store.url} to see what happened to it.` });
    entries.push({ seq, bytes });
  }
  return { store: ledger.store.url, entries };
}

/** The options that make a release's evidence pack: the CLI's flags, the action's inputs. */
export interface PackOptions {
  /** Gather the pack even when nothing else asks for it (catalog and index only). */
  pack?: boolean;
  decisionLogs?: string;
  pulls?: string;
  /** Ask the forge for the merged pull requests (without `pulls`) and their decision logs. */
  fromForge?: { pulls: boolean; decisionLogs: boolean };
  reports?: string;
  catalog?: string;
  /** Publish although required controls lack evidence, for this reason (recorded in the pack). */
  overrideRequired?: string;
  previous?: string;
  previousRelease?: string;
  store?: string;
}

/** What the pack is about: the release, as the bundle command or action resolved it. */
export interface PackRelease {
  release: string;
  repo: string;
  commit: string;
  createdAt: string;
  artifactsDir: string;
  ledger?: EvidenceStore;
  ledgerHead?: ManifestLedgerHead;
  /** Who publishes the release: an override of required controls is recorded in their name. */
  by: string;
}

/** The ports of `packForRelease`: those of the pack, the catalog, and the previous release's manifest. */
export interface ReleasePackIo extends GatherPackIo {
  loadCatalog: LoadCatalog;
  previousManifests: PreviousManifestReader;
}

/**
 * The evidence pack of a release, when one is asked for (`pack` or any of its inputs) or the
 * catalog marks controls required for releases; undefined otherwise, and the bundle is as before.
 * Reads only: the caller refuses the release (`missingRequired`) before writing anything.
 */
export async function packForRelease(options: PackOptions, release: PackRelease, io: ReleasePackIo): Promise<PlannedPack | undefined> {
  const catalog = await io.loadCatalog(options.catalog);
  const asked = Boolean(options.pack || options.decisionLogs || options.pulls || options.reports || options.overrideRequired);
  if (!asked && !catalog.controls.some((c) => c.requiredForRelease)) return undefined;
  if (options.overrideRequired !== undefined && options.overrideRequired.trim() === '') throw new MaestroError('USAGE', 'the override of required controls needs a reason', { remedy: 'say why the release goes out without the required evidence (--override-required "<reason>", or the override-required input).' });
  const previousHead = release.ledger ? await previousLedgerSeq(options, io) : 0;
  return gatherEvidencePack({
    release: release.release,
    repo: release.repo,
    commit: release.commit,
    createdAt: release.createdAt,
    previousRelease: options.previousRelease ?? (options.previous ? (await io.previousManifests.read(options.previous)).release : null),
    artifactsDir: release.artifactsDir,
    catalog,
    decisionLogs: options.decisionLogs,
    pulls: options.pulls,
    fromForge: options.fromForge,
    reports: options.reports,
    ledger: release.ledger && release.ledgerHead ? { store: release.ledger, head: release.ledgerHead.seq, previousHead: Math.min(previousHead, release.ledgerHead.seq) } : undefined,
    overrideRequired: options.overrideRequired ? { by: release.by, reason: options.overrideRequired } : undefined,
  }, io);
}

/** The ledger head the previous release witnessed; 0 for the first release or one built without a ledger. */
async function previousLedgerSeq(options: PackOptions, io: ReleasePackIo): Promise<number> {
  try {
    if (options.previousRelease && options.store) {
      const bytes = await (await io.stores.open(options.store)).at(options.previousRelease).read(MANIFEST_FILE, MAX_MANIFEST_BYTES);
      return (bytes && manifestHead(bytes)?.ledger?.seq) || 0;
    }
    if (options.previous) return (await readWitness(options.previous, io)).seq;
  } catch (error) {
    if (isMaestroError(error) && error.code === 'BUNDLE_INVALID') return 0;
    throw error;
  }
  return 0;
}

/** The required controls a pack lacks evidence for and no override covers: the release must be refused when any. */
export function missingRequired(pack: PlannedPack | undefined): string[] {
  return pack && !pack.index.required.override ? pack.index.required.missing : [];
}

/** Why a release is refused, with the remedy in the words of the entry point (its flags or inputs). */
export function renderMissingRequired(pack: PlannedPack, words: { evidence: string; override: string }): string {
  const missing = pack.index.required.missing;
  return `release refused: no evidence in the pack for ${missing.length} control(s) the catalog requires for every release: ${missing.join(', ')}\n` +
    `  remedy: add their evidence (a met or waived decision of the release's gate, or a report of a kind their requirements name) to ${words.evidence}, or publish anyway with ${words.override}, which the pack records.\n`;
}

/** The login an override is recorded under: `login` (GITHUB_ACTOR) when it is one, else a placeholder that says it was not set. */
export function publisherLogin(login: string | undefined): string {
  return login && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/.test(login) ? login : 'unknown (GITHUB_ACTOR not set)';
}
