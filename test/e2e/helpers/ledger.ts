import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditEvent } from '../../../core/ledger/types.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');

/** The events of a file ledger (LEDGER_STORE=file://<dir>), in chain order, read from its entry files. */
export function ledgerEvents(dir: string): AuditEvent[] {
  const entries = join(dir, 'entries');
  if (!existsSync(entries)) return [];
  return readdirSync(entries)
    .filter((f) => /^\d{12}\.json$/.test(f))
    .sort()
    .map((f) => (JSON.parse(readFileSync(join(entries, f), 'utf8')) as { event: AuditEvent }).event);
}

/**
 * `maestro ledger verify <dir> --no-seals` with the built CLI (node bin/maestro.cjs): its output; throws
 * when the chain is not consistent. The test App signs no seals, so only the chain can be verified.
 */
export function verifyLedger(dir: string, node = process.execPath): string {
  return execFileSync(node, [join(root, 'bin/maestro.cjs'), 'ledger', 'verify', dir, '--no-seals'], { cwd: root, encoding: 'utf8' });
}
