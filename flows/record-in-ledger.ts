import type { AuditEvent } from '../core/ledger/types.js';
import type { BuiltBundle } from './build-bundle.js';
import { ledgerOptionsFromEnv } from '../adapters/sigstore/ledger-options-from-env.js';
import { openLedger } from './open-ledger.js';

/** Where an act was recorded. */
export interface LedgerRecord {
  url: string;
  seq: number;
  sha256: string;
}

/**
 * Appends one act of a command (a published bundle, a finished drill) to the ledger at `url`, sealing
 * per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY. The actor is the person who ran the workflow
 * (GITHUB_ACTOR), or `maestro[bot]` outside GitHub Actions.
 */
export async function recordInLedger(url: string, event: Omit<AuditEvent, 'actor' | 'at'> & { at?: string }, env: NodeJS.ProcessEnv = process.env): Promise<LedgerRecord> {
  const ledger = await openLedger(url, ledgerOptionsFromEnv(env));
  const actor = env.GITHUB_ACTOR && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/.test(env.GITHUB_ACTOR) ? env.GITHUB_ACTOR : 'maestro[bot]';
  const written = await ledger.append({ ...event, actor, at: event.at ?? new Date().toISOString() });
  return { url: ledger.url, ...written };
}

/** Records a built (and maybe published) release bundle as a bundle.published act. */
export async function recordBundleInLedger(url: string, built: BuiltBundle, env: NodeJS.ProcessEnv = process.env): Promise<LedgerRecord> {
  const d = built.manifest.data;
  return recordInLedger(
    url,
    {
      action: 'bundle.published',
      repo: built.manifest.subject.repo,
      sha: d.commit,
      after: { release: d.release, manifestSha256: built.manifestSha256, signed: built.signed, artifacts: d.artifacts.length, previous: d.previous, store: built.published?.url ?? null },
    },
    env,
  );
}
