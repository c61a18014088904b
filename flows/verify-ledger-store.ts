import { isMaestroError } from '../core/errors.js';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { parseEntryKey } from '../core/ledger/build-entry.js';
import { checkSeal, type ReadSeal } from '../core/ledger/check-seal.js';
import type { LedgerProblem, LedgerVerification, SealCheck } from '../core/ledger/verification-types.js';
import { sortProblems, verifyChain, type ChainEntry, type StoredEntry } from '../core/ledger/verify-chain.js';
import type { SignerPolicy, VerifyBundle } from '../core/ports/bundle-verifier.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { InputFiles } from '../core/ports/input-files.js';
import type { StoreOpener } from '../core/ports/store-opener.js';
import { MAX_SEAL_BYTES, readLedger } from './read-ledger.js';

/** Where the ledger is and whom its seals must be signed by. */
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
}

/** The ports a ledger is verified through: the stores, the trust files (key, trusted root), and the Sigstore verifier of its seals. */
export interface VerifyLedgerIo {
  stores: StoreOpener;
  inputFiles: InputFiles;
  verify: VerifyBundle;
}

/**
 * Verifies the whole ledger without trusting whoever stored it: every entry's bytes and links (see
 * `verifyChain`), then every seal's signature and the digest it signed against the chain as it is
 * now. Tampering is a problem naming the entry; only an unreadable store or trust input is an error.
 */
export async function verifyLedgerStore(input: VerifyLedgerInput, io: VerifyLedgerIo): Promise<LedgerVerification> {
  const store = typeof input.location === 'string' ? await io.stores.openExisting(input.location, 'ledger folder', 'pass the folder (or store URL) that holds the ledger\'s entries/ folder.') : input.location;
  const stored = await readLedger(store);
  const policy = await signerPolicy(input, io.inputFiles);
  const trustedRoot = input.trustedRootFile ? await io.inputFiles.readJson(input.trustedRootFile, 'trusted root', 16 * 1024 * 1024) : undefined;
  const trust = { policy, trustedRoot, trustedRootFile: input.trustedRootFile, verify: io.verify };
  const read: ReadSeal[] = [];
  for (const { key, seq } of stored.seals.sort((a, b) => a.seq - b.seq)) read.push(await readSeal(store, key, seq, trust));
  const sealed = new Set(read.flatMap((s) => (s.error ? [] : (s.statement?.subject ?? []).map((subject) => subject.digest?.sha256 ?? ''))));
  const chain = verifyChain(stored.entries, stored.unexpected, sealed);
  const byKeySeq = new Map<number, ChainEntry>(chain.entries.map((e) => [e.keySeq, e]));
  const last = stored.entries.reduce((max, e) => Math.max(max, parseEntryKey(e.key) ?? 0), 0);
  const seals: SealCheck[] = [];
  const problems = [...chain.problems];
  for (const seal of read) {
    const { check, problem } = checkSeal(seal, byKeySeq, last);
    seals.push(check);
    if (problem) problems.push(problem);
  }
  if (store.locking) problems.push(...checkLocks(stored.entries, input.now ?? new Date()));
  const sorted = sortProblems(problems);
  const covering = seals.filter((s) => s.result !== 'fail').map((s) => s.seq);
  const sealedThrough = Math.max(0, ...seals.filter((s) => s.result === 'pass').map((s) => s.seq));
  const head = chain.entries.at(-1);
  return {
    location: store.url,
    ok: sorted.length === 0,
    entries: stored.entries.length,
    ...(head ? { head: { seq: head.keySeq, sha256: head.sha256 } } : {}),
    ...(sorted[0] ? { firstBad: sorted[0] } : {}),
    problems: sorted,
    seals,
    sealedThrough,
    unsealed: Math.max(0, last - Math.max(0, ...covering)),
    notes: chain.notes,
  };
}

/** On a locking store (S3 Object Lock) each entry's first version must be locked in COMPLIANCE mode, and still be. */
function checkLocks(entries: StoredEntry[], now: Date): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  for (const { key, versions } of entries) {
    const first = versions[0];
    if (!first?.bytes) continue;
    const lock = first.retention;
    const why = !lock ? 'has no Object Lock retention' : lock.mode !== 'COMPLIANCE' ? `is locked in ${lock.mode} mode, which privileged users can bypass` : Date.parse(lock.retainUntil) <= now.getTime() ? `was locked until ${lock.retainUntil}, which has passed` : undefined;
    if (why) problems.push({ seq: parseEntryKey(key), key, problem: 'unlocked', detail: `${key} (version ${first.versionId ?? 'unknown'}) ${why}: it can be deleted; ledger entries must be locked in COMPLIANCE mode for as long as they are evidence` });
  }
  return problems;
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
  const parsed = parseJsonText(bytes ?? Buffer.alloc(0));
  if (!parsed.ok) return { key, seq, error: `not a Sigstore bundle: ${parsed.message}` };
  if (!policy) return { key, seq, statement: decodeStatement(parsed.value) };
  try {
    const verified = trust.verify({ bundle: parsed.value, bundleFile: key, trustedRoot, trustedRootFile, policy, tlogThreshold: policy.publicKeyPem ? 0 : 1 });
    const signer = verified.signer.type === 'key' ? `key ${verified.signer.keyId}` : `${verified.signer.identity} (issuer ${verified.signer.issuer ?? 'unknown'})`;
    return { key, seq, statement: verified.statement, signer };
  } catch (error) {
    if (!isMaestroError(error) || error.code === 'TRUST_ROOT_INVALID') throw error;
    return { key, seq, error: `${error.message}${error.remedy ? ` (${error.remedy})` : ''}` };
  }
}

/** The statement inside a DSSE bundle, read without checking the signature. */
function decodeStatement(bundle: unknown): ReadSeal['statement'] {
  const payload = (bundle as { dsseEnvelope?: { payload?: unknown } } | null)?.dsseEnvelope?.payload;
  if (typeof payload !== 'string') return undefined;
  const parsed = parseJsonText(Buffer.from(payload, 'base64'));
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as ReadSeal['statement']) : undefined;
}
