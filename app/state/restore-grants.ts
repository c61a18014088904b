import { grantsFromLedger } from '../../core/triggers/grants-from-ledger.js';
import { readLedger } from '../../flows/read-ledger.js';
import { openStore } from '../../adapters/store/open-store.js';
import { verifyChain } from '../../core/ledger/verify-chain.js';
import type { StateStore } from '../../core/ports/state-store.js';
import { TTL } from '../../core/ports/state-store.js';
import { addWaiver, setOverride } from './waiver-records.js';

/**
 * Puts the waivers and overrides recorded in the audit ledger back into a state store that lost
 * them (the in-process store after a restart), so that no granted waiver is forgotten. Reads the
 * intact part of the chain; returns how many were restored.
 */
export async function restoreGrants(ledgerUrl: string, store: StateStore, now: Date): Promise<{ waivers: number; overrides: number; problems: number }> {
  const stored = await readLedger(await openStore(ledgerUrl));
  const chain = verifyChain(stored.entries, stored.unexpected);
  const grants = grantsFromLedger(chain.entries.map((e) => e.entry.event), now.getTime(), TTL.waivers * 1000, TTL.commit * 1000);
  for (const w of grants.waivers) await addWaiver(store, w.installationId, w.repo, w.pr, w.report, w.source);
  for (const o of grants.overrides) await setOverride(store, o.repo, o.override);
  return { waivers: grants.waivers.length, overrides: grants.overrides.length, problems: chain.problems.length };
}
