/**
 * Writes the example audit ledger in examples/ledger/ (entries/ and seals/) through the same
 * `openLedger` the app appends with, from fixed events and a fixed clock, so the result is the same
 * bytes every time. ECDSA signatures are randomised, so a seal already in the target folder is kept
 * when it signs exactly the statement that would be signed now; only a changed statement is re-signed
 * with the example key (which is published on purpose and protects nothing).
 *
 * Usage: tsx scripts/build-example-ledger.ts [out dir] (default: examples/ledger)
 */
import { mkdtempSync, readFileSync, rmSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SerializedBundle } from '@sigstore/bundle';
import { sealKey } from '../core/ledger/build-entry.js';
import type { LedgerSealStatement } from '../core/ledger/build-seal-statement.js';
import type { AuditEvent } from '../core/ledger/types.js';
import { openLedger } from '../flows/open-ledger.js';
import { signStatement } from '../adapters/sigstore/sign-statement.js';
import { openStore } from '../adapters/store/open-store.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
/** The committed example: its key signs new seals, its seals are reused when unchanged. */
export const EXAMPLE_DIR = join(root, 'examples/ledger');
const KEY = join(EXAMPLE_DIR, 'EXAMPLE-ONLY-signing-key.pem');
const SHA = 'a3f1c2d4e5b6978812345678901234567890abcd';

/** The example's acts, in the order the app would record them; a seal follows the entries named in SEAL_AFTER. */
const EVENTS: AuditEvent[] = [
  { action: 'task.created', actor: 'rel-manager', at: '2026-11-02T09:14:05Z', deliveryId: '5c1e9a80-b8a1-11f0-8f3e-4a2b3c4d5e6f', repo: 'acme/web', number: 412, after: { tasks: [{ gap: '8', issue: 431, title: 'Evidence Panel (Supply Chain)' }, { gap: '9', issue: 432, title: 'Release notes from evidence' }] } },
  { action: 'gate.decision-changed', actor: 'maestro-conductor[bot]', at: '2026-11-03T14:02:11Z', deliveryId: '7d2f0b10-b8b2-11f0-9a1b-4a2b3c4d5e6f', repo: 'acme/web', number: 418, sha: SHA, controlId: 'GA-25', before: { conclusion: 'success' }, after: { conclusion: 'failure', result: 'fail', explanation: '2 critical accessibility violations' } },
  { action: 'waiver.granted', actor: 'sec-lead', at: '2026-11-03T15:40:00Z', deliveryId: '9a7c1e20-b8bd-11f0-8c2d-4a2b3c4d5e6f', repo: 'acme/web', number: 418, sha: SHA, controlId: 'GA-25', after: { until: '2026-11-17', requestedBy: 'dev-ana' }, reason: 'Contrast fix ships with the design refresh in sprint 47; tracked in #433.' },
  { action: 'command.refused', actor: 'dev-ana', at: '2026-11-03T15:41:30Z', deliveryId: 'b1d4f6a0-b8bd-11f0-8e4f-4a2b3c4d5e6f', repo: 'acme/web', number: 418, reason: '/override needs the override role (team acme/release-managers)' },
  { action: 'override.granted', actor: 'oncall-sam', at: '2026-11-04T02:17:45Z', deliveryId: 'c6e8a2b0-b8f4-11f0-9b3c-4a2b3c4d5e6f', repo: 'acme/web', number: 421, sha: 'b4e2d3c5f6a7089923456789012345678901bcde', before: { conclusion: 'failure' }, after: { conclusion: 'success', override: true }, reason: 'SEV-1 INC-2291: payment outage hotfix; gates re-run after the incident.' },
  { action: 'bundle.published', actor: 'rel-manager', at: '2026-11-05T10:00:00Z', repo: 'acme/web', sha: 'c5f3e4d6a7b8190034567890123456789012cdef', after: { release: 'v2.4.0', manifestSha256: '4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0', signed: true, store: 's3://acme-evidence/releases' } },
  { action: 'drill.completed', actor: 'sre-kim', at: '2026-11-06T08:30:00Z', repo: 'acme/web', sha: 'c5f3e4d6a7b8190034567890123456789012cdef', after: { drill: 'restore', status: 'pass', durationSeconds: 41.2 } },
];
const SEAL_AFTER = new Set([4, 7]);

/** Writes the example ledger into `outDir` (a new folder), reusing the seals of `reuseFrom` that still hold. */
export async function buildExampleLedger(outDir: string, reuseFrom = EXAMPLE_DIR): Promise<void> {
  let clock = new Date('2026-11-02T09:14:07Z');
  const ledger = await openLedger(await openStore(pathToFileURL(outDir).href), { now: () => clock, signer: { sign: (statement) => reuseOrSign(statement as LedgerSealStatement, reuseFrom) } });
  for (const [index, event] of EVENTS.entries()) {
    // Entries are recorded two seconds after the act; seals one minute after the entry they seal.
    clock = new Date(Date.parse(event.at) + 2000);
    await ledger.append(event);
    if (SEAL_AFTER.has(index + 1)) {
      clock = new Date(clock.getTime() + 60_000);
      await ledger.seal();
    }
  }
}

async function reuseOrSign(statement: LedgerSealStatement, reuseFrom: string): Promise<SerializedBundle> {
  const file = join(reuseFrom, sealKey(statement.predicate.seq));
  if (existsSync(file)) {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as SerializedBundle & { dsseEnvelope?: { payload: string } };
    if (bundle.dsseEnvelope && Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8') === JSON.stringify(statement)) return bundle;
  }
  return signStatement(statement, { type: 'key', keyFile: KEY });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const target = resolve(process.argv[2] ?? EXAMPLE_DIR);
  const scratch = mkdtempSync(join(tmpdir(), 'maestro-example-ledger-'));
  await buildExampleLedger(join(scratch, 'ledger'), target);
  for (const folder of ['entries', 'seals']) {
    rmSync(join(target, folder), { recursive: true, force: true });
    cpSync(join(scratch, 'ledger', folder), join(target, folder), { recursive: true });
  }
  rmSync(scratch, { recursive: true, force: true });
  console.log(`wrote the example ledger to ${target}`);
}
