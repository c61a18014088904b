import { MaestroError } from '../../core/errors.js';

/** How to sign: with a key file (air-gapped, no log), or keyless with an OIDC token, Fulcio and Rekor. */
export type SignMode =
  | { type: 'key'; keyFile: string; passphrase?: string }
  | {
      type: 'keyless';
      fulcioUrl?: string;
      rekorUrl?: string;
      identityToken?: string;
      /** Rekor entry kind: `dsse` (default, as actions/attest) or the older `intoto`, which Rekor look-alikes such as @sigstore/mock record faithfully. */
      rekorEntryType?: 'dsse' | 'intoto';
    };

/**
 * Parses `--sign keyless | key:<pem file>`; the services, token and key passphrase come from the
 * environment (SIGSTORE_FULCIO_URL, SIGSTORE_REKOR_URL, SIGSTORE_ID_TOKEN, MAESTRO_SIGNING_KEY_PASSPHRASE).
 * Kept apart from the signer, so reading the option loads no Sigstore library.
 */
export function parseSignMode(text: string, env: NodeJS.ProcessEnv = process.env): SignMode {
  if (text === 'keyless') {
    return { type: 'keyless', fulcioUrl: env.SIGSTORE_FULCIO_URL, rekorUrl: env.SIGSTORE_REKOR_URL, identityToken: env.SIGSTORE_ID_TOKEN };
  }
  if (text.startsWith('key:') && text.length > 4) return { type: 'key', keyFile: text.slice(4), passphrase: env.MAESTRO_SIGNING_KEY_PASSPHRASE };
  throw new MaestroError('USAGE', `--sign '${text}' is neither keyless nor key:<file>`, { remedy: 'pass --sign keyless (in a workflow with id-token: write) or --sign key:<ECDSA P-256 private key, PEM>.' });
}
