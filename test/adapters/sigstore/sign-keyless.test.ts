import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// The handlers only: the package's entry point loads nock 13, which would patch Node's http for every test file of this worker.
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock/dist/fulcio/index.js';
import { initializeTLog, rekorHandler } from '@sigstore/mock/dist/rekor/index.js';
import type { HandlerFn } from '@sigstore/mock/dist/shared.types.js';
import { verifyBundle } from '../../../flows/verify-bundle.js';
import { verifyLedgerStore } from '../../../flows/verify-ledger-store.js';
import { statementSigner } from '../../../adapters/sigstore/statement-signer.js';
import { TEST_NOW, wallClock } from '../../helpers/clock.js';
import { openLedgerAt, verifyIo } from '../../helpers/real-adapters.js';
import { build, makeArtifacts, tempDir } from '../../helpers/release-bundle.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const IDENTITY = 'https://github.com/acme/web/.github/workflows/release.yml@refs/tags/v1.0.0';
const b64 = (bytes: ArrayBufferView | Buffer) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An OIDC token as GitHub Actions issues it (Fulcio's mock reads its claims; it does not check its signature).
 * The mock issues certificates valid from the real time, so the token and the trust material are dated by it too (wallClock).
 */
const token = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: ISSUER, sub: IDENTITY, aud: 'sigstore', repository: 'acme/web', ref: 'refs/tags/v1.0.0', exp: Math.floor(wallClock().getTime() / 1000) + 600 })}.c2ln`;
/** The verifier's time: it only matters for the locks of an S3 store, and these bundles lie in folders. */
const verifiedAt = new Date(TEST_NOW);

let server: Server;
let baseUrl: string;
let trustedRootFile: string;
const dir = tempDir('maestro-keyless-');

beforeAll(async () => {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const logKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ctlog = await initializeCTLog(caKeys);
  const ca = await initializeCA(caKeys, ctlog);
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tlog = await initializeTLog(baseUrl, logKeys);
  const routes = new Map<string, HandlerFn>([fulcioHandler(ca), rekorHandler(tlog)].map((h) => [h.path, h.fn]));
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', async () => {
      const handler = req.method === 'POST' ? routes.get(req.url ?? '') : undefined;
      if (!handler) return void res.writeHead(404).end();
      const out = await handler(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(out.statusCode, { 'content-type': out.contentType ?? 'text/plain' }).end(typeof out.response === 'string' ? out.response : Buffer.from(out.response.buffer));
    });
  });
  // The trust material a verifier pins: the mock CA, its CT log and the transparency log, valid from an hour ago.
  const start = new Date(wallClock().getTime() - 3_600_000).toISOString();
  const logDer = logKeys.publicKey.export({ type: 'spki', format: 'der' });
  trustedRootFile = join(dir, 'trusted_root.json');
  writeFileSync(trustedRootFile, JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: logDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } }, logId: { keyId: createHash('sha256').update(logDer).digest('base64') } }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: baseUrl, certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: { start } }],
    ctlogs: [{ baseUrl, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: b64(ctlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } }, logId: { keyId: b64(ctlog.logID) } }],
    timestampAuthorities: [],
  }));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('keyless signing (Fulcio and Rekor of @sigstore/mock on loopback)', () => {
  let bundleDir: string;

  beforeAll(async () => {
    bundleDir = join(dir, 'v1.0.0');
    await build({ artifactsDir: makeArtifacts(join(dir, 'artifacts')), outDir: bundleDir, sign: { type: 'keyless', fulcioUrl: baseUrl, rekorUrl: baseUrl, identityToken: token, rekorEntryType: 'intoto' } });
  });

  it('verifies the workflow identity, the issuer and the transparency log entry offline against the pinned root', async () => {
    const result = await verifyBundle({ location: bundleDir, identity: IDENTITY, issuer: ISSUER, trustedRootFile, offline: true, now: verifiedAt }, verifyIo);
    expect(result.checks.filter((c) => c.result === 'fail')).toEqual([]);
    expect(result.checks.find((c) => c.check === 'signature')?.detail).toMatch(new RegExp(`^signed by ${IDENTITY.replace(/[./]/g, '\\$&')} \\(issuer ${ISSUER.replace(/[./]/g, '\\$&')}\\) over manifest.json sha256 [0-9a-f]{64}, transparency log entry \\d+$`));
  });

  it.each([
    ['another workflow', { identity: 'https://github.com/acme/web/.github/workflows/other.yml@refs/heads/main', issuer: ISSUER }],
    ['another issuer', { identity: IDENTITY, issuer: 'https://accounts.example.com' }],
  ])('fails when the signer is %s', async (_name, policy) => {
    const result = await verifyBundle({ location: bundleDir, ...policy, trustedRootFile, now: verifiedAt }, verifyIo);
    expect(result.checks.filter((c) => c.result === 'fail').map((c) => c.check)).toEqual(['signature']);
  });

  it('fails against the public-good root, which did not issue the certificate', async () => {
    const result = await verifyBundle({ location: bundleDir, identity: IDENTITY, issuer: ISSUER, now: verifiedAt }, verifyIo);
    expect(result.ok).toBe(false);
  });

  it('reports a signing failure with the remedy when Fulcio refuses', async () => {
    const out = join(dir, 'refused');
    await expect(build({ artifactsDir: makeArtifacts(join(dir, 'artifacts2')), outDir: out, sign: { type: 'keyless', fulcioUrl: `${baseUrl}/nowhere`, rekorUrl: baseUrl, identityToken: token } })).rejects.toMatchObject({ code: 'SIGNING_FAILED', remedy: expect.stringContaining('id-token: write') });
  });
});

describe('keyless ledger seals', () => {
  it('seals the audit ledger keyless and verifies the seal by workflow identity offline; another identity is a bad seal', async () => {
    const location = join(dir, 'ledger');
    const ledger = await openLedgerAt(location, { signer: statementSigner({ type: 'keyless', fulcioUrl: baseUrl, rekorUrl: baseUrl, identityToken: token, rekorEntryType: 'intoto' }) });
    await ledger.append({ action: 'override.granted', actor: 'oncall-sam', at: '2026-11-04T02:17:45Z', repo: 'acme/web', number: 421, reason: 'SEV-1 hotfix' });
    expect(await ledger.seal()).toMatchObject({ seq: 1, created: true });
    const verified = await verifyLedgerStore({ location, identity: IDENTITY, issuer: ISSUER, trustedRootFile }, verifyIo);
    expect(verified).toMatchObject({ ok: true, sealedThrough: 1, unsealed: 0 });
    expect(verified.seals[0]!.detail).toContain(`signed by ${IDENTITY} (issuer ${ISSUER})`);
    const other = await verifyLedgerStore({ location, identity: 'https://github.com/acme/web/.github/workflows/other.yml@refs/heads/main', issuer: ISSUER, trustedRootFile }, verifyIo);
    expect(other.firstBad).toMatchObject({ seq: 1, problem: 'bad-seal' });
  });
});
