import { MaestroError } from '../../core/errors.js';
import {
  CHECK_RUN_TEXT_QUERY,
  MERGED_PULLS_QUERY,
  SEARCH_RESULT_LIMIT,
  searchQueryOf,
  toMergedPull,
  waivedControls,
  waivedCount,
  type CheckRunNode,
  type MergedPullsPage,
  type ScoreboardTarget,
} from '../../core/scoreboard/merged-pulls-query.js';
import type { MergedPull } from '../../core/scoreboard/types.js';

/** A GraphQL call, as Octokit's `graphql` makes it. */
export type GraphQL = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** The merged pull requests found and what finding them cost. */
export interface FetchedMergedPulls {
  pulls: MergedPull[];
  /** GraphQL requests made. */
  requests: number;
  /** Rate-limit points they cost, as GitHub reported them. */
  cost: number;
}

/** Check run texts per query: each can be up to 65,535 characters. */
const TEXTS_PER_QUERY = 50;

/** A window this short is not split further, even when GitHub finds more than its search returns. */
const MIN_WINDOW_MS = 60_000;

/**
 * The pull requests the targets merged in (from, to], each with the gate check run of its head
 * commit: 100 per GraphQL request (search pages), a window with more than GitHub's 1,000 search
 * results split in halves until each fits, and one more request per 50 pull requests whose gate
 * waived controls, to read which.
 */
export async function fetchMergedPulls(graphql: GraphQL, targets: ScoreboardTarget[], options: { from: Date; to: Date; checkName: string }): Promise<FetchedMergedPulls> {
  const found = new Map<string, { pull: MergedPull; run?: CheckRunNode }>();
  const stats = { requests: 0, cost: 0 };
  const call = async <T extends { rateLimit?: { cost: number } }>(what: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    stats.requests++;
    const data = await graphql<T>(query, variables).catch((cause: unknown) => {
      throw toGitHubError(cause, what);
    });
    stats.cost += data.rateLimit?.cost ?? 0;
    return data;
  };
  const search = async (target: ScoreboardTarget, from: Date, to: Date): Promise<void> => {
    const q = searchQueryOf(target, from, to);
    let after: string | null = null;
    for (;;) {
      const page: MergedPullsPage = await call<MergedPullsPage>(`search ${q}`, MERGED_PULLS_QUERY, { q, after, check: options.checkName });
      if (after === null && page.search.issueCount > SEARCH_RESULT_LIMIT && to.getTime() - from.getTime() > MIN_WINDOW_MS) {
        const middle = new Date(Math.floor((from.getTime() + to.getTime()) / 2));
        await search(target, from, middle);
        await search(target, middle, to);
        return;
      }
      for (const node of page.search.nodes) {
        const entry = toMergedPull(node);
        const at = entry ? Date.parse(entry.pull.mergedAt) : NaN;
        // The search's range includes both ends; the window does not include its start.
        if (entry && at > options.from.getTime() && at <= options.to.getTime()) found.set(`${entry.pull.repo.toLowerCase()}#${entry.pull.number}`, entry);
      }
      if (!page.search.pageInfo.hasNextPage || !page.search.pageInfo.endCursor) return;
      after = page.search.pageInfo.endCursor;
    }
  };
  for (const target of targets) await search(target, options.from, options.to);

  // An override's title quotes the gate it overrode ("Without the override: ... (1 waived)"): it counts as overridden, its waivers do not matter.
  const waived = [...found.values()].filter((e) => e.run && !e.pull.gate?.overridden && waivedCount(e.run) > 0);
  for (let i = 0; i < waived.length; i += TEXTS_PER_QUERY) {
    const batch = waived.slice(i, i + TEXTS_PER_QUERY);
    const data = await call<{ rateLimit?: { cost: number }; nodes: Array<{ id?: string; text?: string | null } | null> }>('read the gate check runs\' decisions', CHECK_RUN_TEXT_QUERY, { ids: batch.map((e) => e.run!.id) });
    const texts = new Map(data.nodes.filter((n) => n?.id).map((n) => [n!.id!, n!.text ?? null]));
    for (const entry of batch) {
      const controls = waivedControls(texts.get(entry.run!.id) ?? null, waivedCount(entry.run!));
      if (controls && entry.pull.gate) entry.pull.gate.waived = controls;
    }
  }
  const pulls = [...found.values()].map((e) => e.pull).sort((a, b) => a.repo.localeCompare(b.repo) || a.number - b.number);
  return { pulls, ...stats };
}

/** A GraphQL or HTTP failure as an error that says what was being done and what to check. */
function toGitHubError(cause: unknown, what: string): MaestroError {
  const e = cause as { status?: number; message?: string; errors?: Array<{ type?: string; message?: string }> };
  const status = e.status ?? (e.errors?.some((x) => x.type === 'RATE_LIMITED') ? 403 : undefined);
  const detail = e.errors?.map((x) => x.message).filter(Boolean).join('; ') || e.message || String(cause);
  const remedy =
    status === 401 ? 'the token is not valid: set GITHUB_TOKEN to a current token.'
    : status === 403 ? 'the token is rate limited or may not read these repositories: wait for the rate limit to reset, or use a token with read access to their pull requests and checks.'
    : e.errors?.length ? 'check the organisation and repository names, and that the token can read them (a workflow token reads only its own repository: use an app or fine-grained token for an organisation).'
    : 'GitHub did not answer as expected; run the command again.';
  return new MaestroError('GITHUB_REQUEST_FAILED', `GitHub answered ${status ?? 'with an error'} when the scoreboard tried to ${what}: ${detail}`, { remedy, cause });
}
