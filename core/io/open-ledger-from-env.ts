import { ledgerOptionsFromEnv } from './ledger-options-from-env.js';
import { openLedger, type OpenedLedger, type OpenLedgerOptions } from './open-ledger.js';

/**
 * The app's ledger: LEDGER_STORE names the store (`file:///var/lib/maestro/ledger`,
 * `s3://<bucket>/ledger?region=..`), LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY its seals. Undefined
 * when LEDGER_STORE is unset, so a deployment without a ledger records nothing rather than failing.
 */
export async function openLedgerFromEnv(env: NodeJS.ProcessEnv = process.env, extra: Pick<OpenLedgerOptions, 'now' | 'onSealError'> = {}): Promise<OpenedLedger | undefined> {
  if (!env.LEDGER_STORE) return undefined;
  return openLedger(env.LEDGER_STORE, { ...ledgerOptionsFromEnv(env), ...extra });
}
