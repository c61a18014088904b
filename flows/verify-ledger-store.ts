import { isMaestroError } from '../core/errors.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { entryKey, sealKey } from '../core/ledger/build-entry.js';
import { ChainWalk, MAX_KEPT_PROBLEMS, unexpectedProblem, type PositionedEntry } from '../core/ledger/chain-walk.js';
import { checkSeal, checkSealChain, type ReadSeal } from '../core/ledger/check-seal.js';
import type { LedgerProblem, LedgerVerification, LedgerWitness, SealCheck, WitnessCheck } from '../core/ledger/verification-types.js';
import { sortProblems, type ChainEntry } from '../core/ledger/verify-chain.js';
import { checkWitness } from '../core/ledger/witness.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { SignerPolicy, VerifyBundle } from '../core/ports/bundle-verifier.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { StoreOpener } from '../core/ports/store-opener.js';
import { MAX_SEAL_BYTES, readEntriesInOrder, scanLedgerKeys, type VersionReader } from './read-ledger.js';

/** Where the ledger is, whom its seals must be signed by, and the heads witnessed outside it. */
export interface VerifyLedgerInput {
  location: string | EvidenceStore;
  /** Keyless seals: the expected certificate identity (exact, or /regex/) and OIDC issuer. */
  identity?: string;
  issuer?: string;
  /** Key-signed seals: the signer's public key (PEM file). */
  keyFile?: string;
  /** A trusted_root.json; the Sigstore public-good root shipped with maestro when absent. */
  trustedRootFile?: string;
  /** When locks must still hold (default: now). */
  now?: Date;
  /** Heads recorded outside the store (a release bundle's manifest, a check run's output, --expect-head). */
  witnesses?: LedgerWitness[];
  /** Not `ok` unless seal signatures were checked (a key or an identity given), as `maestro ledger verify` asks unless --no-seals. */
  requireSeals?: boolean;
}

/** The ports a ledger is verified through: the stores, the trust files (key, trusted root), the Sigstore verifier of its seals, and a streaming listing. */
export interface VerifyLedgerIo {
  stores: StoreOpener;
  inputFiles: InputFiles;
  verify: VerifyBundle;
  /** Lists a store one key at a time, in any order, without holding the listing; `store.list()` when absent. */
  listKeys?: (store: EvidenceStore) => AsyncIterable<string>;
  /** Reads an entry's versions; `store.versions` when absent. */
  readVersions?: VersionReader;
}

/** Receives each entry of the chain, in order, as it is verified (`maestro ledger export` writes it to a spool). */
export type EntrySink = (entry: ChainEntry) => void | Promise<void>;

/**
 * Verifies the whole ledger without trusting whoever stored it: every entry's bytes and links (see
 * `ChainWalk`), every seal's signature and the digest it signed against the chain as it is now, the
 * seals' own chain, and each witnessed head. Entries are streamed in position order: memory does
 * not grow with the ledger. Tampering is a problem naming the entry; only an unreadable store or
 * trust input is an error.
 */
export async function verifyLedgerStore(input: VerifyLedgerInput, io: VerifyLedgerIo, sink?: EntrySink): Promise<LedgerVerification> {
  const store = typeof input.location === 'string' ? await io.stores.openExisting(input.location, 'ledger folder', 'pass the folder (or store URL) that holds the ledger\'s entries/ folder.') : input.location;
  const keys = await scanLedgerKeys(io.listKeys ? io.listKeys(store) : await store.list());
  const policy = await signerPolicy(input, io.inputFiles);
  const trustedRoot = input.trustedRootFile ? await io.inputFiles.readJson(input.trustedRootFile, 'trusted root', 16 * 1024 * 1024) : undefined;
  const trust = { policy, trustedRoot, trustedRootFile: input.trustedRootFile, verify: io.verify };
  const read: ReadSeal[] = [];
  for (const seq of keys.seals) read.push(await readSeal(store, sealKey(seq), seq, trust));
  const sealed = new Set(read.flatMap((s) => (s.error ? [] : (s.statement?.subject ?? []).map((subject) => subject.digest?.sha256 ?? ''))));
  const witnesses = input.witnesses ?? [];
  const walk = new ChainWalk({ last: keys.entries.max, sealed, interest: new Set([...keys.seals, ...witnesses.map((w) => w.seq)]) });
  const now = input.now ?? new Date();
  const problems: LedgerProblem[] = keys.unexpected.map(unexpectedProblem);
  for await (const batch of readEntriesInOrder(store, keys.entries, io.readVersions)) {
    for (const item of batch) {
      const entry = walk.push(item);
      if (store.locking && problems.length < MAX_KEPT_PROBLEMS) problems.push(...checkLock(item, now));
      if (entry && sink) {
        const written = sink(entry);
        if (written) await written;
      }
    }
  }
  const asked = walk.questions();
  if (asked) for await (const batch of readEntriesInOrder(store, keys.entries, io.readVersions)) for (const item of batch) walk.answer(item, asked);
  const chain = walk.finish();
  const last = keys.entries.max;
  problems.push(...chain.problems);
  const seals: SealCheck[] = [];
  for (const seal of read) {
    const { check, problem } = checkSeal(seal, chain.at, last);
    seals.push(check);
    if (problem) problems.push(problem);
  }
  problems.push(...checkSealChain(read, last));
  const witnessed: WitnessCheck[] = [];
  for (const witness of witnesses) {
    const { check, problem } = checkWitness(witness, chain.at, last);
    witnessed.push(check);
    if (problem) problems.push(problem);
  }
  if (policy && last > 0 && read.length === 0) problems.push({ key: 'seals/', problem: 'unsealed', detail: `no seal is stored: with ${input.keyFile ? '--key' : '--identity'} the ledger must carry seals signed by it, and nothing vouches for entries 1 to ${last}: every seal was deleted, or the ledger was never sealed (maestro ledger seal)` });
  if (keys.entries.size === 0 && !problems.some((p) => p.problem === 'truncated')) problems.push({ seq: 1, key: entryKey(1), problem: 'truncated', detail: `${store.url} holds no entries${read.length === 0 ? ' and no seals' : ''}: there is nothing to verify (if it held entries, every one was deleted)` });
  const sorted = sortProblems(problems);
  const more = chain.moreProblems + keys.moreUnexpected + Math.max(0, sorted.length - MAX_KEPT_PROBLEMS);
  const verdict = sorted.length > 0 ? 'tampered' : policy ? 'intact' : 'unverified';
  const covering = seals.filter((s) => s.result !== 'fail').map((s) => s.seq);
  return {
    location: store.url,
    ok: verdict === 'intact' || (verdict === 'unverified' && !input.requireSeals),
    verdict,
    sealsVerified: policy !== undefined,
    entries: chain.entries,
    ...(chain.head ? { head: chain.head } : {}),
    ...(sorted[0] ? { firstBad: sorted[0] } : {}),
    problems: sorted.slice(0, MAX_KEPT_PROBLEMS),
    ...(more > 0 ? { moreProblems: more } : {}),
    seals,
    witnesses: witnessed,
    sealedThrough: Math.max(0, ...seals.filter((s) => s.result === 'pass').map((s) => s.seq)),
    unsealed: Math.max(0, last - Math.max(0, ...covering)),
    notes: chain.notes,
  };
}

/** On a locking store (S3 Object Lock) each entry's first version must be locked in COMPLIANCE mode, and still be. */
function checkLock({ key, keySeq, versions }: PositionedEntry, now: Date): LedgerProblem[] {
  const first = versions[0];
  if (!first?.bytes) return [];
  const lock = first.retention;
  const why = !lock ? 'has no Object Lock retention' : lock.mode !== 'COMPLIANCE' ? `is locked in ${lock.mode} mode, which privileged users can bypass` : Date.parse(lock.retainUntil) <= now.getTime() ? `was locked until ${lock.retainUntil}, which has passed` : undefined;
  return why ? [{ seq: keySeq, key, problem: 'unlocked', detail: `${key} (version ${first.versionId ?? 'unknown'}) ${why}: it can be deleted; ledger entries must be locked in COMPLIANCE mode for as long as they are evidence` }] : [];
}

async function signerPolicy(input: VerifyLedgerInput, files: InputFiles): Promise<SignerPolicy | undefined> {
  if (input.keyFile) return { publicKeyPem: (await files.read(input.keyFile, 'public key', 64 * 1024)).toString('utf8') };
  if (input.identity) {
    const pattern = /^\/(.+)\/$/.exec(input.identity);
    return { identity: pattern ? new RegExp(pattern[1]!) : input.identity, issuer: input.issuer };
  }
  return undefined;
}

/** Whom seals must be signed by, against which trusted root, and the verifier that checks them. */
interface SealTrust {
  policy: SignerPolicy | undefined;
  trustedRoot: unknown;
  trustedRootFile: string | undefined;
  verify: VerifyBundle;
}

/** Reads one seal: verified when a signer policy is given, else only decoded (its signature unchecked). */
async function readSeal(store: EvidenceStore, key: string, seq: number, trust: SealTrust): Promise<ReadSeal> {
  const { policy, trustedRoot, trustedRootFile } = trust;
  let bytes: Buffer | undefined;
  try {
    bytes = await store.read(key, MAX_SEAL_BYTES);
  } catch (error) {
    if (!isMaestroError(error) || !['FILE_TOO_LARGE', 'SYMLINK_REFUSED', 'NOT_A_FILE'].includes(error.code)) throw error;
    return { key, seq, error: error.message };
  }
  const fileSha256 = bytes ? sha256Hex(bytes) : undefined;
  const parsed = parseJsonText(bytes ?? Buffer.alloc(0));
  if (!parsed.ok) return { key, seq, fileSha256, error: `not a Sigstore bundle: ${parsed.message}` };
  if (!policy) return { key, seq, fileSha256, statement: decodeStatement(parsed.value) };
  try {
    const verified = trust.verify({ bundle: parsed.value, bundleFile: key, trustedRoot, trustedRootFile, policy, tlogThreshold: policy.publicKeyPem ? 0 : 1 });
    const signer = verified.signer.type === 'key' ? `key ${verified.signer.keyId}` : `${verified.signer.identity} (issuer ${verified.signer.issuer ?? 'unknown'})`;
    return { key, seq, fileSha256, statement: verified.statement, signer };
  } catch (error) {
    if (!isMaestroError(error) || error.code === 'TRUST_ROOT_INVALID') throw error;
    return { key, seq, fileSha256, error: `${error.message}${error.remedy ? ` (${error.remedy})` : ''}` };
  }
}

/** The statement inside a DSSE bundle, read without checking the signature. */
function decodeStatement(bundle: unknown): ReadSeal['statement'] {
  const payload = (bundle as { dsseEnvelope?: { payload?: unknown } } | null)?.dsseEnvelope?.payload;
  if (typeof payload !== 'string') return undefined;
  const parsed = parseJsonText(Buffer.from(payload, 'base64'));
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as ReadSeal['statement']) : undefined;
}
