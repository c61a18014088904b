import { MaestroError } from '../../core/errors.js';
import type { OpenLedgerOptions } from '../../flows/open-ledger.js';
import { parseSignMode } from './sign-statement.js';

/**
 * Seal settings from the environment: LEDGER_SIGNING_KEY (`key:<ECDSA P-256 PEM file>` or `keyless`)
 * and LEDGER_SEAL_EVERY (seal after every n entries; needs the signing key). Both unset: no seals.
 */
export function ledgerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenLedgerOptions {
  const sign = env.LEDGER_SIGNING_KEY ? parseSignMode(env.LEDGER_SIGNING_KEY, env) : undefined;
  const every = env.LEDGER_SEAL_EVERY;
  if (every === undefined || every === '') return sign ? { sign } : {};
  if (!/^[1-9][0-9]{0,8}$/.test(every)) throw new MaestroError('ENV_INVALID', `LEDGER_SEAL_EVERY '${every}' is not a whole number of entries`, { remedy: 'set it to how many entries each seal covers, such as 100, or unset it to seal only with maestro ledger seal.' });
  if (!sign) throw new MaestroError('ENV_INVALID', 'LEDGER_SEAL_EVERY is set but LEDGER_SIGNING_KEY is not: seals must be signed', { remedy: 'set LEDGER_SIGNING_KEY to key:<ECDSA P-256 private key PEM> or keyless.' });
  return { sign, sealEvery: Number(every) };
}
