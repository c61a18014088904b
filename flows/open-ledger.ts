import { MaestroError } from '../core/errors.js';
import { buildEntry, entryKey, MAX_ENTRY_BYTES, parseSealKey, sealKey, type LedgerHead } from '../core/ledger/build-entry.js';
import { buildSealStatement, type PreviousSeal } from '../core/ledger/build-seal-statement.js';
import { checkAuditEvent } from '../core/ledger/check-audit-event.js';
import type { AuditEvent, AuditLedger } from '../core/ledger/types.js';
import { readEntry } from '../core/ledger/verify-chain.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import type { LedgerSealing } from '../core/ports/statement-signer.js';

/** Options of `openLedger`: how it seals (`LedgerSealing`), and its clock and patience. */
export interface OpenLedgerOptions extends LedgerSealing {
  /** The clock that dates entries and seals (tests and the example ledger fix it). */
  now?: () => Date;
  /** Appends that lose the race this many times in a row give up with LEDGER_CONFLICT (default 100). */
  maxAttempts?: number;
}

/** A seal written (or found already written) over the head. */
export interface WrittenSeal {
  key: string;
  seq: number;
  sha256: string;
  created: boolean;
}

/** The ledger the app and the CLI append to: `AuditLedger` plus seals and the head. */
export interface OpenedLedger extends AuditLedger {
  /** The store's URL, without credentials. */
  readonly url: string;
  /** Signs a seal over the current head; undefined when the ledger is empty. */
  seal(): Promise<WrittenSeal | undefined>;
  /** The current head, read from the store (cheaply: forward from the cached head). */
  head(): Promise<LedgerHead | undefined>;
}

/**
 * Opens the audit ledger kept in a store (the entry point opened `file:///var/lib/maestro/ledger`,
 * `s3://bucket/ledger?...`), checking first that the store keeps objects write-once. Appends are
 * serialised within the process and made safe across processes by the store's create-if-absent
 * write: a writer that loses the race reads the entries written since its cached head and tries
 * again, so the chain stays linear and every event is recorded once. The head is cached, so an
 * append costs one write (plus a version listing on S3), not a read of the chain.
 */
export async function openLedger(store: EvidenceStore, options: OpenLedgerOptions = {}): Promise<OpenedLedger> {
  await store.preflight();
  if (options.sealEvery !== undefined && (!Number.isInteger(options.sealEvery) || options.sealEvery < 1)) throw new MaestroError('USAGE', `seal every ${options.sealEvery} entries is not a whole number of 1 or more`, { remedy: 'pass a whole number such as 100, or leave it out to seal only on demand.' });
  if (options.sealEvery !== undefined && !options.signer) throw new MaestroError('USAGE', 'periodic seals need a signer', { remedy: 'pass a signing mode (key:<ECDSA P-256 PEM> or keyless) with the seal interval.' });
  // A periodic seal runs after an append that has succeeded: its failure must go somewhere other than the append's result.
  if (options.sealEvery !== undefined && !options.onSealError) throw new MaestroError('USAGE', 'periodic seals need a place to report a failed seal', { remedy: 'pass onSealError with sealEvery (ledgerOptionsFromEnv sets one that warns).' });
  return new StoreLedger(store, options);
}

class StoreLedger implements OpenedLedger {
  readonly url: string;
  private cached: LedgerHead | undefined;
  private known = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly store: EvidenceStore,
    private readonly options: OpenLedgerOptions,
  ) {
    this.url = store.url;
    this.now = options.now ?? (() => new Date());
  }

  async append(event: AuditEvent): Promise<{ seq: number; sha256: string }> {
    const checked = checkAuditEvent(event);
    return this.serially(async () => {
      const written = await this.appendChecked(checked);
      const every = this.options.sealEvery;
      if (every && written.seq % every === 0) {
        await this.sealHead(written, every).catch((error: unknown) => this.options.onSealError?.(error, written.seq));
      }
      return written;
    });
  }

  seal(): Promise<WrittenSeal | undefined> {
    return this.serially(async () => {
      const head = await this.refresh();
      return head ? this.sealHead(head) : undefined;
    });
  }

  head(): Promise<LedgerHead | undefined> {
    return this.serially(() => this.refresh());
  }

  private async appendChecked(event: AuditEvent): Promise<LedgerHead> {
    let head = this.known ? this.cached : await this.refresh();
    const attempts = this.options.maxAttempts ?? 100;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const built = buildEntry(event, head, this.now().toISOString());
      if (await this.store.create(entryKey(built.entry.seq), built.bytes)) {
        this.cached = { seq: built.entry.seq, sha256: built.sha256 };
        return this.cached;
      }
      // Another writer took this position: move up to the new head and try after it, a little later each time.
      head = await this.refresh();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));
    }
    throw new MaestroError('LEDGER_CONFLICT', `the event could not be appended to ${this.url}: ${attempts} attempts in a row lost to other writers`, { remedy: 'the ledger is appended to faster than this writer can follow; retry, and check that no process rewrites entries in a loop.' });
  }

  /** Reads forward from the cached head (or finds the head when none is cached), checking each link. */
  private async refresh(): Promise<LedgerHead | undefined> {
    let head = this.known ? this.cached : await this.findHead();
    for (;;) {
      const seq = (head?.seq ?? 0) + 1;
      const next = await this.readHead(seq);
      if (!next) break;
      if (next.previous !== (head?.sha256 ?? null)) {
        throw this.broken(seq, next.previous);
      }
      head = { seq, sha256: next.sha256 };
    }
    this.cached = head;
    this.known = true;
    return head;
  }

  /** The last entry, by doubling then bisecting over positions: about 2 log2(n) reads instead of a listing. */
  private async findHead(): Promise<LedgerHead | undefined> {
    if (!(await this.exists(1))) return undefined;
    let low = 1;
    let high = 2;
    while (await this.exists(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await this.exists(middle)) low = middle;
      else high = middle;
    }
    const entry = await this.readHead(low);
    if (!entry) return undefined;
    // The head's own link is checked too (one more read): never append after an entry that does not follow the chain.
    const before = low > 1 ? await this.readHead(low - 1) : undefined;
    if ((before?.sha256 ?? null) !== entry.previous) {
      throw this.broken(low, entry.previous);
    }
    return { seq: low, sha256: entry.sha256 };
  }

  private async exists(seq: number): Promise<boolean> {
    return (await this.store.read(entryKey(seq), MAX_ENTRY_BYTES)) !== undefined;
  }

  private async readHead(seq: number): Promise<{ previous: string | null; sha256: string } | undefined> {
    const key = entryKey(seq);
    const bytes = await this.store.read(key, MAX_ENTRY_BYTES);
    if (!bytes) return undefined;
    const read = readEntry(key, { bytes });
    if ('problem' in read) throw new MaestroError('LEDGER_TAMPERED', `${read.detail}; nothing was appended`, { remedy: `run maestro ledger verify ${this.url} to find the first bad entry.` });
    if (read.entry.seq !== seq) throw new MaestroError('LEDGER_TAMPERED', `${key} of ${this.url} holds entry ${read.entry.seq}; nothing was appended`, { remedy: `run maestro ledger verify ${this.url} to find the first bad entry.` });
    return { previous: read.entry.previous, sha256: read.sha256 };
  }

  /** Seals `head`, naming the newest seal before it; `every` marks a periodic seal with its interval. */
  private async sealHead(head: LedgerHead, every?: number): Promise<WrittenSeal> {
    const key = sealKey(head.seq);
    if (await this.store.read(key, 16 * 1024 * 1024)) return { key, ...head, created: false };
    const signer = this.options.signer;
    if (!signer) throw new MaestroError('USAGE', 'sealing the ledger needs a signer', { remedy: 'pass --sign key:<ECDSA P-256 private key PEM> or --sign keyless.' });
    const bundle = await signer.sign(buildSealStatement(head, this.now().toISOString(), { previousSeal: await this.previousSeal(head.seq), sealEvery: every }));
    const created = await this.store.create(key, Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`));
    return { key, ...head, created };
  }

  /** The newest seal below `seq` and the sha256 of its file: a listing of seals/ only, never of the entries. */
  private async previousSeal(seq: number): Promise<PreviousSeal | undefined> {
    const seals = this.store.at('seals');
    const below = (await seals.list()).map((name) => parseSealKey(`seals/${name}`)).filter((n): n is number => n !== undefined && n < seq);
    if (below.length === 0) return undefined;
    const newest = Math.max(...below);
    const bytes = await this.store.read(sealKey(newest), 16 * 1024 * 1024);
    return bytes ? { seq: newest, sha256: sha256Hex(bytes) } : undefined;
  }

  private broken(seq: number, previous: string | null): MaestroError {
    return new MaestroError('LEDGER_TAMPERED', `entry ${seq} of ${this.url} does not follow entry ${seq - 1} (it records previous ${previous ?? 'none'}): the ledger is not intact, nothing was appended`, { remedy: `run maestro ledger verify ${this.url} to find the first bad entry.` });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
