/**
 * Audit ledger costs: append (cached head), the head search of a freshly opened ledger, verification
 * and export, on a folder store, and on S3 when LEDGER_BENCH_S3 names a store URL (credentials from
 * the AWS SDK's chain), such as the test cluster of scripts/services/s3-start.sh.
 *
 *   npx tsx bench/ledger.bench.ts [entries]        # default 2000 (S3: a tenth of it)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openLedger } from '../flows/open-ledger.js';
import { readLedger } from '../flows/read-ledger.js';
import { verifyLedgerStore } from '../flows/verify-ledger-store.js';
import { fsInputFiles } from '../adapters/fs/read-input-file.js';
import { verifySigstoreBundle } from '../adapters/sigstore/verify-sigstore-bundle.js';
import { openStore, storeOpener } from '../adapters/store/open-store.js';
import { exportEvents, renderCsv } from '../core/ledger/export-entries.js';
import type { AuditEvent } from '../core/ledger/types.js';
import { verifyChain } from '../core/ledger/verify-chain.js';

const event = (i: number): AuditEvent => ({ action: 'gate.decision-changed', actor: 'maestro-conductor[bot]', at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), deliveryId: `d-${i}`, repo: 'acme/web', number: 1 + (i % 500), sha: 'a'.repeat(40), controlId: 'GA-25', before: { conclusion: 'success' }, after: { conclusion: 'failure', explanation: 'two critical accessibility violations on /checkout' }, reason: 'evidence arrived' });

async function measure(url: string, count: number): Promise<string[]> {
  const ledger = await openLedger(await openStore(url));
  let started = performance.now();
  for (let i = 0; i < count; i++) await ledger.append(event(i));
  const append = (performance.now() - started) / count;
  started = performance.now();
  const fresh = await openLedger(await openStore(url));
  await fresh.append(event(count));
  const reopen = performance.now() - started;
  started = performance.now();
  const verified = await verifyLedgerStore({ location: url }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle });
  const verify = performance.now() - started;
  if (!verified.ok) throw new Error(`bench ledger not intact: ${verified.firstBad?.detail}`);
  started = performance.now();
  const stored = await readLedger(await openStore(url));
  const csv = renderCsv(exportEvents(verifyChain(stored.entries).entries));
  const exported = performance.now() - started;
  return [
    `| ${url.split('?')[0]} | ${count + 1} | ${append.toFixed(2)} ms | ${reopen.toFixed(1)} ms | ${verify.toFixed(0)} ms (${((verify / (count + 1)) * 1000).toFixed(0)} µs/entry) | ${exported.toFixed(0)} ms, ${(csv.length / 1024).toFixed(0)} KiB CSV |`,
  ];
}

const count = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'maestro-ledger-bench-'));
const rows = ['| store | entries | append (cached head) | open + first append (head search) | verify (whole chain) | export |', '| - | - | - | - | - | - |'];
rows.push(...(await measure(pathToFileURL(join(dir, 'ledger')).href, count)));
if (process.env.LEDGER_BENCH_S3) rows.push(...(await measure(process.env.LEDGER_BENCH_S3, Math.max(10, Math.floor(count / 10)))));
rmSync(dir, { recursive: true, force: true });
console.log(rows.join('\n'));
