/**
 * The world of the app load benchmark: `installations` organisations, each with one repository of
 * `prsPerInstallation` open pull requests; each PR's head commit has six gate workflow runs, in
 * progress, each holding one evidence artifact. Seeded into a GitHub simulator, with the webhook
 * payloads GitHub would send for it, built from the real examples of @octokit/webhooks-examples.
 */
import { zipOf } from '../../test/helpers/evidence-artifacts.js';
import { examplePayload } from '../../test/helpers/webhook-examples.js';
import type { GitHubSimulator } from '../../test/e2e/github-simulator/github-simulator.js';
import type { SimWorkflowRun } from '../../test/e2e/github-simulator/model.js';

/** The six gate workflows of the repo's CI, each uploading one report. */
export const GATES = ['schema-diff', 'attestation', 'sbom', 'a11y', 'k6', 'slo'] as const;

/** One pull request of the load, with what GitHub would deliver for it. */
export interface LoadPull {
  repo: string;
  installation: number;
  number: number;
  headSha: string;
  runs: SimWorkflowRun[];
  opened: Record<string, unknown>;
  /** The `workflow_run.completed` payload of run `i` (built when it is delivered: the run is completed first). */
  completed: (i: number) => Record<string, unknown>;
}

/** The evidence report a gate's run uploads: GA-30's drift report from every run (kept small, as real reports are). */
function report(repo: string, sha: string, gate: string, at: string): string {
  return JSON.stringify({
    kind: 'drift-report',
    schemaVersion: '1.0',
    subject: { repo, sha },
    producer: { name: `maestro-${gate}`, version: '0.1.0' },
    createdAt: at,
    data: { repo, status: 'clean', missingJobs: [], pr: null, template: { source: '.github/workflows/ga-gates.yml', version: 'v1' }, changes: [] },
  });
}

/** Seeds the simulator and returns the pulls. `eventAt`: when the PRs were opened (after the app's clock start). */
export async function seedLoad(sim: GitHubSimulator, options: { installations: number; prsPerInstallation: number; eventAt: string; reportAt: string }): Promise<LoadPull[]> {
  const pulls: LoadPull[] = [];
  for (let i = 1; i <= options.installations; i++) {
    const owner = `org-${i}`;
    const repository = await sim.addRepository({ owner, ownerType: 'Organization', name: 'service', files: { 'README.md': '# service\n' } });
    await sim.addRepository({ owner, ownerType: 'Organization', name: '.github', files: { 'README.md': 'org defaults\n' } });
    sim.addInstallation({ id: i, account: owner, accountType: 'Organization' });
    const repo = `${owner}/service`;
    for (let n = 1; n <= options.prsPerInstallation; n++) {
      const pr = sim.addPullRequest(repo, { number: n, title: `Change ${n}`, body: 'A routine change.', user: 'dev', head: { ref: `change-${n}`, files: { [`src/change-${n}.ts`]: `export const n = ${n};\n` } } });
      const headSha = pr.pull!.head.sha;
      const runs: SimWorkflowRun[] = [];
      for (const gate of GATES) {
        const zip = await zipOf({ [`${gate}.json`]: report(repo, headSha, gate, options.reportAt) });
        runs.push(await sim.addWorkflowRun(repo, { name: gate, headSha, headBranch: `change-${n}`, event: 'pull_request', status: 'in_progress', conclusion: null, createdAt: options.reportAt, artifacts: [{ name: `maestro-evidence-${gate}`, zip }] }));
      }
      const base = { installation: { id: i }, repository: repositoryPayload(repository.id, owner) };
      const opened = examplePayload('pull_request', 'opened');
      Object.assign(opened, base);
      Object.assign(opened.pull_request, { number: n, title: `Change ${n}`, body: 'A routine change.', updated_at: options.eventAt, created_at: options.eventAt, draft: false, labels: [], changed_files: 1, html_url: `https://github.example/${repo}/pull/${n}` });
      opened.pull_request.head = { ...opened.pull_request.head, sha: headSha, ref: `change-${n}`, repo: base.repository };
      opened.pull_request.base = { ...opened.pull_request.base, ref: 'main', repo: base.repository };
      const completed = (r: number): Record<string, unknown> => {
        const run = runs[r]!;
        const payload = examplePayload('workflow_run', 'completed');
        Object.assign(payload, base);
        Object.assign(payload.workflow_run, {
          id: run.id,
          name: run.name,
          head_sha: headSha,
          head_branch: `change-${n}`,
          status: 'completed',
          conclusion: 'success',
          created_at: run.createdAt,
          pull_requests: [{ number: n, id: n, url: '', head: { ref: `change-${n}`, sha: headSha, repo: { id: repository.id, url: '', name: 'service' } }, base: { ref: 'main', sha: 'f'.repeat(40), repo: { id: repository.id, url: '', name: 'service' } } }],
        });
        return payload;
      };
      pulls.push({ repo, installation: i, number: n, headSha, runs, opened, completed });
    }
  }
  return pulls;
}

/** The repository object of a webhook payload (the fields the app reads, real names). */
function repositoryPayload(id: number, owner: string): Record<string, unknown> {
  const repository = examplePayload('pull_request', 'opened').repository;
  return { ...repository, id, name: 'service', full_name: `${owner}/service`, owner: { ...repository.owner, login: owner, type: 'Organization' }, default_branch: 'main' };
}
