import { mkdir } from 'node:fs/promises';
import { getOctokit } from '@actions/github';
import { dirname, join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { isEvaluationTime } from '../../flows/evaluate-from-files.js';
import { readJsonFile } from '../../adapters/fs/read-input-file.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { renderScoreboard } from '../../core/render/render-scoreboard.js';
import { computeScoreboard } from '../../core/scoreboard/compute-scoreboard.js';
import { parseMergedPulls } from '../../core/scoreboard/parse-merged-pulls.js';
import { renderBadgeSvg } from '../../core/scoreboard/render-badge-svg.js';
import { toShieldsEndpoint } from '../../core/scoreboard/to-shields-endpoint.js';
import { fetchMergedPulls, type GraphQL } from '../../adapters/github/fetch-merged-pulls.js';
import { parseTargets, type ScoreboardTarget } from '../../core/scoreboard/merged-pulls-query.js';
import type { MergedPull } from '../../core/scoreboard/types.js';

/** Options of `maestro scoreboard`, as the command line gives them. */
export interface ScoreboardOptions {
  input?: string;
  github?: string;
  checkName: string;
  apiUrl?: string;
  pullsOut?: string;
  now?: string;
  days: string;
  format: 'markdown' | 'json';
  badges?: string;
  label: string;
  failUnder?: string;
}

/** Largest input read: 200,000 merged pull requests fit well within it. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * `maestro scoreboard`: the share of merged pull requests whose gate passed without override, per
 * repository and rolled up; optionally shields.io endpoint JSON and SVG badges. Exit 0, or 1 when
 * the roll-up is below --fail-under, 2 on bad input.
 */
export async function scoreboardCommand(options: ScoreboardOptions): Promise<number> {
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new MaestroError('USAGE', `--days ${JSON.stringify(options.days)} is not a whole number of days from 1 to 3660`, { remedy: 'pass --days 30, for example.' });
  const failUnder = options.failUnder === undefined ? undefined : Number(options.failUnder);
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new MaestroError('USAGE', `--fail-under ${JSON.stringify(options.failUnder)} is not a percentage from 0 to 100`, { remedy: 'pass --fail-under 90, for example.' });
  if ((options.input === undefined) === (options.github === undefined)) throw new MaestroError('USAGE', 'give the merged pull requests with either --input <file> or --github <org|owner/repo,...>', { remedy: 'pass --input merged.json, or --github acme to fetch them from GitHub.' });
  const pulls = options.github !== undefined ? await fetchFromGitHub(options, now, days) : parseMergedPulls(await readJsonFile(options.input!, 'merged pull requests', MAX_INPUT_BYTES), options.input!);
  const board = computeScoreboard(pulls, { now, days });
  if (options.badges) {
    // Repository names were checked against GitHub's pattern (no "..", no "/"), so each path stays inside the folder.
    const targets = [{ path: join(options.badges, 'org'), score: board.org }, ...board.repos.map((s) => ({ path: join(options.badges!, ...s.repo.split('/')), score: s }))];
    for (const { path, score } of targets) {
      const endpoint = toShieldsEndpoint(score, options.label);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(`${path}.json`, `${JSON.stringify(endpoint, null, 2)}\n`);
      await writeFileAtomic(`${path}.svg`, renderBadgeSvg(endpoint));
    }
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(board, null, 2)}\n` : renderScoreboard(board));
  return failUnder !== undefined && (board.org.share ?? 0) * 100 < failUnder ? 1 : 0;
}

/** The merged pull requests of the window, fetched from GitHub (--github), reported on stderr with the requests it took. */
async function fetchFromGitHub(options: ScoreboardOptions, now: string, days: number): Promise<MergedPull[]> {
  const targets = parseTargets(options.github!);
  const invalid = targets.filter((t) => 'invalid' in t).map((t) => (t as { invalid: string }).invalid);
  if (targets.length === 0 || invalid.length > 0) throw new MaestroError('USAGE', `--github ${JSON.stringify(options.github)} ${invalid.length > 0 ? `has ${invalid.map((t) => JSON.stringify(t)).join(', ')}, which ${invalid.length === 1 ? 'is' : 'are'} neither an organisation nor owner/repo` : 'names nothing'}`, { remedy: 'pass organisations and repositories separated by commas: --github acme,other/web.' });
  if (!options.checkName.trim() || options.checkName.length > 100) throw new MaestroError('USAGE', `--check-name ${JSON.stringify(options.checkName)} is not a check name`, { remedy: 'pass the name of the gate check run, such as "Enforce GA Gates Evidence".' });
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  if (!token) throw new MaestroError('USAGE', '--github needs a GitHub token to read pull requests and check runs', { remedy: 'set GITHUB_TOKEN to a token that can read the repositories\' pull requests and checks (for an organisation: a GitHub App or fine-grained token; a workflow token reads only its own repository).' });
  const to = new Date(now);
  const from = new Date(to.getTime() - days * 86_400_000);
  const baseUrl = options.apiUrl ?? process.env.GITHUB_API_URL;
  const octokit = getOctokit(token, { ...(baseUrl ? { baseUrl } : {}), request: { fetch: globalThis.fetch } });
  const fetched = await fetchMergedPulls(octokit.graphql as GraphQL, targets as ScoreboardTarget[], { from, to, checkName: options.checkName });
  process.stderr.write(`fetched ${fetched.pulls.length} merged pull requests of ${options.github} in ${fetched.requests} GraphQL requests (${fetched.cost} rate-limit points)\n`);
  if (options.pullsOut) await writeFileAtomic(options.pullsOut, `${JSON.stringify({ pulls: fetched.pulls }, null, 2)}\n`);
  return fetched.pulls;
}
