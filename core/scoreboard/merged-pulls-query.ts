import type { MergedPull } from './types.js';

/** Merged pull requests per search page: GitHub's most. */
export const PULLS_PER_PAGE = 100;

/** Check suites read per head commit (each app and each workflow run has one); the gate's is among them. */
export const SUITES_PER_COMMIT = 25;

/** GitHub search returns at most this many results of one query, however many pages: a larger window is split. */
export const SEARCH_RESULT_LIMIT = 1000;

/**
 * One page of merged pull requests with the gate's check run on each one's head commit (the last
 * commit of the pull request): every check suite of that commit, filtered to the latest check run
 * with the gate's name. `rateLimit` reports what the page cost.
 */
export const MERGED_PULLS_QUERY = `query MergedPulls($q: String!, $after: String, $check: String!) {
  rateLimit { cost remaining resetAt }
  search(type: ISSUE, query: $q, first: ${PULLS_PER_PAGE}, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes {
      ... on PullRequest {
        number
        mergedAt
        repository { nameWithOwner }
        commits(last: 1) {
          nodes {
            commit {
              oid
              checkSuites(first: ${SUITES_PER_COMMIT}) {
                nodes { checkRuns(first: 1, filterBy: { checkName: $check }) { nodes { id status conclusion title completedAt } } }
              }
            }
          }
        }
      }
    }
  }
}`;

/** The text of gate check runs whose title says controls were waived, to read which. */
export const CHECK_RUN_TEXT_QUERY = `query GateDecisionTexts($ids: [ID!]!) {
  rateLimit { cost remaining resetAt }
  nodes(ids: $ids) { ... on CheckRun { id text } }
}`;

/** A gate check run as the query returns it. */
export interface CheckRunNode {
  id: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  completedAt: string | null;
}

/** A merged pull request as the query returns it (other search hits are empty objects). */
export interface PullNode {
  number?: number;
  mergedAt?: string | null;
  repository?: { nameWithOwner: string };
  commits?: { nodes: Array<{ commit: { oid: string; checkSuites: { nodes: Array<{ checkRuns: { nodes: CheckRunNode[] } }> } } }> };
}

/** One page of the search. */
export interface MergedPullsPage {
  rateLimit?: { cost: number; remaining: number; resetAt: string };
  search: { issueCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: PullNode[] };
}

/** Where to look: a whole organisation, or one repository. */
export type ScoreboardTarget = { org: string } | { repo: string };

/**
 * Parses `acme,acme/web,other/api`: an organisation's login, or a repository as owner/name.
 * Returns undefined for an entry that is neither, so the caller names it.
 */
export function parseTargets(text: string): Array<ScoreboardTarget | { invalid: string }> {
  return text.split(',').map((t) => t.trim()).filter((t) => t.length > 0).map((t) => {
    if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(t)) return { org: t };
    if (/^[A-Za-z0-9-]{1,39}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/.test(t)) return { repo: t };
    return { invalid: t };
  });
}

/** The search of the pull requests a target merged in (from, to]: GitHub's date range with times, inclusive, so the ends are checked again when counting. */
export function searchQueryOf(target: ScoreboardTarget, from: Date, to: Date): string {
  const scope = 'org' in target ? `org:${target.org}` : `repo:${target.repo}`;
  return `is:pr is:merged ${scope} merged:${searchTime(from)}..${searchTime(to)}`;
}

function searchTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const CONCLUSIONS: Record<string, 'success' | 'neutral' | 'failure' | 'action_required'> = { SUCCESS: 'success', NEUTRAL: 'neutral', ACTION_REQUIRED: 'action_required' };

/** A report-only gate that would have failed concludes neutral, titled "report-only: this pull request would fail ...". */
const REPORT_ONLY_FAIL = /^report-only: this pull request would fail\b/i;

/** The app titles an override "Overridden by @login: reason". */
const OVERRIDDEN = /^Overridden\b/i;

/** The gate's headline says "(2 waived)" or "(1 waived; ...)" when waivers turned failing controls to waived. */
const WAIVED_COUNT = /\b(\d+) waived\b/;

/**
 * The scoreboard's view of a merged pull request: the gate's latest completed check run on its
 * head commit. Any conclusion but success, neutral and action required (failure, timed out,
 * cancelled, skipped, stale) counts as failed, and so does a neutral report-only gate whose title
 * says the pull request would fail (merged past what enforce mode would have blocked); a check run that never completed, or none at
 * all, is no gate result. `waived` is filled in later from the check run's text.
 */
export function toMergedPull(node: PullNode): { pull: MergedPull; run?: CheckRunNode } | undefined {
  if (node.number === undefined || !node.mergedAt || !node.repository) return undefined;
  const runs = (node.commits?.nodes[0]?.commit.checkSuites.nodes ?? []).flatMap((s) => s.checkRuns.nodes).filter((r) => r.status === 'COMPLETED' && r.conclusion);
  const run = runs.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))[0];
  const base = { repo: node.repository.nameWithOwner, number: node.number, mergedAt: node.mergedAt };
  if (!run) return { pull: { ...base, gate: null } };
  const reportOnlyFail = run.conclusion === 'NEUTRAL' && REPORT_ONLY_FAIL.test(run.title ?? '');
  const conclusion = reportOnlyFail ? 'failure' : (CONCLUSIONS[run.conclusion!] ?? 'failure');
  return { pull: { ...base, gate: { conclusion, ...(reportOnlyFail ? { reportOnly: true } : {}), ...(OVERRIDDEN.test(run.title ?? '') ? { overridden: true } : {}) } }, run };
}

/** How many controls the check run's title says were waived (0 when it says nothing). */
export function waivedCount(run: CheckRunNode): number {
  return Number(WAIVED_COUNT.exec(run.title ?? '')?.[1] ?? 0);
}

/**
 * The waived controls in a gate check run's decision text (`**GA-12** title: ⚠️ waived · ...`).
 * Only when it lists as many as the title counts is the list trusted (the text may have been cut
 * to GitHub's size limit): otherwise undefined, and the pull request counts without waivers.
 */
export function waivedControls(text: string | null, expected: number): string[] | undefined {
  const ids = [...(text ?? '').matchAll(/^\*\*([A-Z][A-Z0-9]{0,9}-[0-9]{2,4})\*\* .*: ⚠️ waived · /gm)].map((m) => m[1]!);
  const unique = [...new Set(ids)].sort();
  return unique.length === expected && expected > 0 ? unique.slice(0, 100) : undefined;
}
