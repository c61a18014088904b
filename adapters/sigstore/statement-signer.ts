import type { StatementSigner } from '../../core/ports/statement-signer.js';
import type { SignMode } from './parse-sign-mode.js';

/**
 * The StatementSigner port for a signing mode (`signStatement` with a key file, or keyless). The
 * Sigstore signing libraries are loaded at the first signature, so a command that may sign starts
 * without them, and one that fails before signing never loads them.
 */
export function statementSigner(mode: SignMode): StatementSigner {
  return { sign: async (statement) => (await import('./sign-statement.js')).signStatement(statement, mode) };
}
