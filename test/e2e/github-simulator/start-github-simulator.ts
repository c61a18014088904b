import { createPublicKey, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wallClock } from '../../helpers/clock.js';
import { Faults } from './faults.js';
import { simulatorApi, type GitHubSimulator } from './github-simulator.js';
import { handleRequest, type SimulatorCore } from './handle-request.js';
import { RateLimits } from './rate-limit.js';
import { RequestLog } from './record.js';
import type { RouteDefinition } from './route-context.js';
import { RouteTable } from './route-table.js';
import { actionRoutes } from './routes/actions.js';
import { appRoutes } from './routes/app.js';
import { blobRoutes } from './routes/blob.js';
import { checkRoutes } from './routes/checks.js';
import { commentRoutes } from './routes/comments.js';
import { commitRoutes } from './routes/commits.js';
import { contentsRoutes } from './routes/contents.js';
import { gitRoutes } from './routes/git.js';
import { graphqlRoutes } from './routes/graphql.js';
import { issueRoutes } from './routes/issues.js';
import { milestoneRoutes } from './routes/milestones.js';
import { pullRoutes } from './routes/pulls.js';
import { repoRoutes } from './routes/repos.js';
import { applySeed } from './seed.js';
import type { Seed } from './seed-types.js';
import { SimulatorState } from './state.js';

/** How to start a simulator. */
export interface GitHubSimulatorOptions {
  /** The GitHub App's id: JWTs must carry it as `iss`. */
  appId: number;
  /** The app's private key (PEM), as the app is given it; its public half checks JWTs. */
  privateKeyPem?: string;
  /** Or just the public key (PEM). */
  publicKeyPem?: string;
  /** The app's slug (default `maestro-conductor`); its bot is `<slug>[bot]`. */
  appSlug?: string;
  appName?: string;
  /** The organisation that owns the app (default `maestro-dev`). */
  appOwner?: string;
  /** Every timestamp, token expiry, JWT check and rate-limit window follows this clock (default: the system clock, which clients sign their JWTs by). */
  clock?: () => Date;
  /** Where ids of each kind start (default 1); seeds may fix ids of their own. */
  firstId?: number;
  /** Requests per credential per hour (default 5000, GitHub's for installations); anonymous requests get 60. */
  rateLimit?: number;
  /** Port on 127.0.0.1 (default: any free port). */
  port?: number;
  /** A world to start from. */
  seed?: Seed;
  /** Called when a route fails with something other than an HTTP error (a simulator bug); default: written to stderr. */
  onError?: (error: unknown, route: string) => void;
}

/** Every REST route the simulator serves, by Octokit template. */
export function apiRoutes(): RouteTable<RouteDefinition> {
  return new RouteTable<RouteDefinition>().add(...appRoutes, ...contentsRoutes, ...commitRoutes, ...pullRoutes, ...checkRoutes, ...issueRoutes, ...commentRoutes, ...milestoneRoutes, ...actionRoutes, ...repoRoutes, ...gitRoutes, ...graphqlRoutes);
}

/**
 * Starts a GitHub simulator on 127.0.0.1: REST under `/` and `/api/v3`, GraphQL at `/graphql` and
 * `/api/graphql`, so the built app (GHE_HOST) and the actions (GITHUB_API_URL) can both be pointed
 * at it. Answers are GitHub's documented shapes over an in-memory state the test seeds and inspects.
 */
export async function startGitHubSimulator(options: GitHubSimulatorOptions): Promise<GitHubSimulator> {
  const key = options.publicKeyPem ?? options.privateKeyPem;
  if (!key) throw new Error('startGitHubSimulator needs the app\'s privateKeyPem (or publicKeyPem) to check its JWTs');
  // By default GitHub's real time: clients sign JWTs and cache tokens by the system clock.
  const clock = options.clock ?? wallClock;
  const state = new SimulatorState({
    appId: options.appId,
    appSlug: options.appSlug ?? 'maestro-conductor',
    appName: options.appName ?? 'Maestro Conductor',
    appOwner: options.appOwner ?? 'maestro-dev',
    publicKey: createPublicKey(key),
    clock,
    firstId: options.firstId ?? 1,
  });
  const blobSecret = randomBytes(32);
  const core: SimulatorCore = {
    state,
    api: apiRoutes(),
    blobs: new RouteTable<RouteDefinition>().add(...blobRoutes(blobSecret)),
    log: new RequestLog(),
    faults: new Faults(),
    limits: new RateLimits(options.rateLimit ?? 5000, clock),
    anonymousLimits: new RateLimits(60, clock),
    reachability: { reachable: true, mode: 'drop' },
    blobSecret,
    hanging: new Set(),
    onError: options.onError ?? ((error, route) => process.stderr.write(`github simulator: ${route} failed: ${(error as Error).stack ?? String(error)}\n`)),
  };
  if (options.seed) await applySeed(state, options.seed);
  const server = createServer((req, res) => {
    handleRequest(core, req, res).catch((error: unknown) => {
      core.onError(error, `${req.method} ${req.url}`);
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const close = async (): Promise<void> => {
    for (const res of core.hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return simulatorApi(core, server.address() as AddressInfo, close);
}
