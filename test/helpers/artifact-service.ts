import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_NOW } from './clock.js';

/** What the stand-in received for one artifact. */
export interface ReceivedArtifact {
  name: string;
  /** The uploaded zip, its blocks joined in the committed order. */
  zip: Buffer;
  finalized: boolean;
}

/** A loopback stand-in of GitHub's artifact service and its blob store, and the env a runner gives a step to reach it. */
export interface ArtifactService {
  env: Record<string, string>;
  artifacts: ReceivedArtifact[];
  /** Every request, as `METHOD path`, to assert the protocol was followed. */
  requests: string[];
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService';

/**
 * Starts a stand-in of the Actions results service (the Twirp JSON calls CreateArtifact and
 * FinalizeArtifact) and of the Azure block-blob endpoint its signed URL points at, with the
 * request and response shapes `@actions/artifact` uses, since GitHub itself is out of reach in
 * tests. It keeps the uploaded zip so a test can open it.
 */
export async function startArtifactService(): Promise<ArtifactService> {
  const artifacts: ReceivedArtifact[] = [];
  const requests: string[] = [];
  const blocks = new Map<string, Buffer>();
  let base = '';
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}${url.searchParams.get('comp') ? `?comp=${url.searchParams.get('comp')}` : ''}`);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (url.pathname === `${SERVICE}/CreateArtifact`) {
      const request = JSON.parse(body.toString('utf8')) as { name: string };
      if (artifacts.some((a) => a.name === request.name)) return json(409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
      artifacts.push({ name: request.name, zip: Buffer.alloc(0), finalized: false });
      return json(200, { ok: true, signedUploadUrl: `${base}/blob/${artifacts.length - 1}?sig=test-signature` });
    }
    if (url.pathname === `${SERVICE}/FinalizeArtifact`) {
      const request = JSON.parse(body.toString('utf8')) as { name: string };
      const artifact = artifacts.find((a) => a.name === request.name);
      if (!artifact) return json(404, { code: 'not_found', msg: 'no such artifact' });
      artifact.finalized = true;
      return json(200, { ok: true, artifactId: String(1000 + artifacts.indexOf(artifact)) });
    }
    const blob = /^\/blob\/(\d+)$/.exec(url.pathname);
    if (blob && req.method === 'PUT') {
      const artifact = artifacts[Number(blob[1])]!;
      const comp = url.searchParams.get('comp');
      if (comp === 'block') blocks.set(`${blob[1]}:${url.searchParams.get('blockid')}`, body);
      else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]!);
        artifact.zip = Buffer.concat(ids.map((id) => blocks.get(`${blob[1]}:${id}`) ?? Buffer.alloc(0)));
      } else artifact.zip = body;
      res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date(TEST_NOW).toUTCString(), 'x-ms-request-id': 'test', 'x-ms-version': '2024-11-04', 'x-ms-request-server-encrypted': 'true' }).end();
      return;
    }
    json(404, { code: 'not_found', msg: `${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const claims = Buffer.from(JSON.stringify({ scp: 'Actions.ExampleScope Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774' })).toString('base64url');
  return {
    env: { ACTIONS_RUNTIME_TOKEN: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.c2ln`, ACTIONS_RESULTS_URL: `${base}/`, GITHUB_SERVER_URL: 'https://github.com' },
    artifacts,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
