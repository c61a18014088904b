import { getOctokit } from '@actions/github';
import type { TimelineEvent } from '../../core/drill/find-acknowledgement.js';
import { MaestroError } from '../../core/errors.js';
import type { DrillIssues, TrackedIssue } from '../../core/ports/drill-issues.js';

/** The REST fields of an issue the drill reads. */
interface IssueJson {
  number: number;
  html_url: string;
  created_at: string;
  user: { login: string } | null;
  body?: string | null;
}

/**
 * The drill's issues on GitHub, through the REST API with a token that may write issues
 * (`issues: write` for a workflow token). `fetch` is injectable so tests reach nock.
 */
export function createGitHubDrillIssues(token: string, repo: string, options: { baseUrl?: string; fetch?: typeof fetch } = {}): DrillIssues {
  const [owner, name] = repo.split('/') as [string, string];
  const octokit = getOctokit(token, { ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.fetch ? { request: { fetch: options.fetch } } : {}) });
  const call = async <T>(what: string, request: () => Promise<{ data: T }>): Promise<T> => {
    try {
      return (await request()).data;
    } catch (cause) {
      const status = (cause as { status?: number }).status;
      const remedy = status === 401 ? 'the token is not valid: set GITHUB_TOKEN to a current token.' : status === 403 || status === 404 ? `the token must be able to read and write issues of ${repo} (a workflow needs permissions: issues: write), and issues must be enabled there.` : 'GitHub did not answer as expected; run the drill again.';
      throw new MaestroError('GITHUB_REQUEST_FAILED', `GitHub answered ${status ?? 'with an error'} when the drill tried to ${what} in ${repo}: ${(cause as Error).message}`, { remedy, cause });
    }
  };
  const toIssue = (i: IssueJson): TrackedIssue => ({ number: i.number, url: i.html_url, createdAt: i.created_at, author: i.user?.login ?? '', body: i.body ?? '' });
  return {
    open: async (issue) => toIssue(await call('open the drill issue', () => octokit.rest.issues.create({ owner, repo: name, title: issue.title, body: issue.body, labels: issue.labels }))),
    get: async (number) => toIssue(await call(`read issue #${number}`, () => octokit.rest.issues.get({ owner, repo: name, issue_number: number }))),
    timeline: (number) => call(`read the timeline of #${number}`, async () => ({ data: (await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { owner, repo: name, issue_number: number, per_page: 100 })) as TimelineEvent[] })),
    comment: async (number, body) => {
      await call(`comment on #${number}`, () => octokit.rest.issues.createComment({ owner, repo: name, issue_number: number, body }));
    },
    close: async (number) => {
      await call(`close #${number}`, () => octokit.rest.issues.update({ owner, repo: name, issue_number: number, state: 'closed', state_reason: 'completed' }));
    },
  };
}
