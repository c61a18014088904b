import { MaestroError } from '../../core/errors.js';
import type { LedgerSealing } from '../../core/ports/statement-signer.js';
import { parseSignMode } from './parse-sign-mode.js';
import { statementSigner } from './statement-signer.js';

/**
 * Seal settings from the environment: LEDGER_SIGNING_KEY (`key:<ECDSA P-256 PEM file>` or `keyless`)
 * and LEDGER_SEAL_EVERY (seal after every n entries; needs the signing key). Both unset: no seals.
 * A periodic seal that fails is reported as a process warning: the entry it followed is kept.
 */
export function ledgerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LedgerSealing {
  const signer = env.LEDGER_SIGNING_KEY ? statementSigner(parseSignMode(env.LEDGER_SIGNING_KEY, env)) : undefined;
  const every = env.LEDGER_SEAL_EVERY;
  if (every === undefined || every === '') return signer ? { signer, onSealError: warnSealFailed } : {};
  if (!/^[1-9][0-9]{0,8}$/.test(every)) throw new MaestroError('ENV_INVALID', `LEDGER_SEAL_EVERY '${every}' is not a whole number of entries`, { remedy: 'set it to how many entries each seal covers, such as 100, or unset it to seal only with maestro ledger seal.' });
  if (!signer) throw new MaestroError('ENV_INVALID', 'LEDGER_SEAL_EVERY is set but LEDGER_SIGNING_KEY is not: seals must be signed', { remedy: 'set LEDGER_SIGNING_KEY to key:<ECDSA P-256 private key PEM> or keyless.' });
  return { signer, sealEvery: Number(every), onSealError: warnSealFailed };
}

/** Reports a failed periodic seal where an operator sees it, without stopping the append it followed. */
export function warnSealFailed(error: unknown, seq: number): void {
  process.emitWarning(`the ledger seal over entry ${seq} failed: ${error instanceof Error ? error.message : String(error)}`);
}
