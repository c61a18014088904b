import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { CIContextProvider, DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL, DSSEBundleBuilder, FulcioSigner, RekorWitness, type Signer } from '@sigstore/sign';
import { EVIDENCE_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE } from '../../core/bundle/build-statement.js';
import { MaestroError } from '../../core/errors.js';
import type { InTotoStatement } from '../../core/result/in-toto-statement.js';
import { readInputFile } from '../fs/read-input-file.js';
import type { SignMode } from './parse-sign-mode.js';
import { publicKeyId } from './verify-sigstore-bundle.js';

/**
 * Signs an in-toto statement into a Sigstore bundle (DSSE envelope). With a key: ECDSA P-256 over
 * SHA-256, the key's public half in the bundle as cosign writes it, no transparency log (for
 * air-gapped use). Keyless: a short-lived Fulcio certificate for the workflow's OIDC identity and a
 * Rekor entry, as `actions/attest` does.
 */
export async function signStatement(statement: InTotoStatement, mode: SignMode): Promise<SerializedBundle> {
  const payload = Buffer.from(JSON.stringify(statement));
  const builder =
    mode.type === 'key'
      ? new DSSEBundleBuilder({ signer: keySigner(await loadSigningKey(mode.keyFile, mode.passphrase)), witnesses: [] })
      : new DSSEBundleBuilder({
          signer: new FulcioSigner({ fulcioBaseURL: mode.fulcioUrl ?? DEFAULT_FULCIO_URL, identityProvider: mode.identityToken ? { getToken: async () => mode.identityToken! } : new CIContextProvider('sigstore') }),
          witnesses: [new RekorWitness({ rekorBaseURL: mode.rekorUrl ?? DEFAULT_REKOR_URL, entryType: mode.rekorEntryType ?? 'dsse' })],
        });
  try {
    return bundleToJSON(await builder.create({ data: payload, type: IN_TOTO_PAYLOAD_TYPE }));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new MaestroError('SIGNING_FAILED', `signing ${statement.predicateType === EVIDENCE_PREDICATE_TYPE ? 'the manifest' : 'the ledger seal'} failed (${message})`, {
      remedy: mode.type === 'keyless' ? 'in GitHub Actions grant the job `permissions: id-token: write`; elsewhere set SIGSTORE_ID_TOKEN, or sign with --sign key:<file>.' : 'check the key file.',
      cause,
    });
  }
}

/** Reads an ECDSA P-256 private key (PKCS#8 or SEC1 PEM, optionally encrypted) and refuses any other kind. */
export async function loadSigningKey(file: string, passphrase?: string): Promise<KeyObject> {
  const pem = await readInputFile(file, 'signing key', 64 * 1024);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (cause) {
    throw new MaestroError('SIGNING_FAILED', `signing key ${file} is not a readable PEM private key (${(cause as Error).message})`, { file, remedy: 'pass an ECDSA P-256 private key in PEM (openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt); set MAESTRO_SIGNING_KEY_PASSPHRASE for an encrypted one.', cause });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new MaestroError('SIGNING_FAILED', `signing key ${file} is ${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}, not ECDSA P-256`, { file, remedy: 'use an ECDSA P-256 key, which cosign and the Sigstore verifiers accept.' });
  }
  return key;
}

function keySigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    sign: async (data) => ({ signature: sign('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: publicKeyPem, hint: publicKeyId(publicKey) } }),
  };
}
