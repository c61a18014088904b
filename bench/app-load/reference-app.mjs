// The reference for the app load benchmark: the smallest Probot app that does the same GitHub work
// per pull request as Maestro (one check run created when the PR opens, one comment, the check run
// completed when the last workflow run of the head commit completes), on Probot's own server and
// defaults (handlers run before the delivery is answered; writes spaced by the throttling plugin).
import { pino } from 'pino';
import { Probot, Server } from 'probot';

const { APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, GHE_HOST, GHE_PROTOCOL = 'https' } = process.env;
/** The check run of each head commit, as the promise of its id (a completion may arrive before it is created). */
const checks = new Map();

const app = (probot) => {
  probot.on('pull_request.opened', async (context) => {
    const sha = context.payload.pull_request.head.sha;
    const created = context.octokit.rest.checks.create(context.repo({ name: 'Reference gate', head_sha: sha, status: 'in_progress' })).then(({ data }) => data.id);
    checks.set(`${context.payload.repository.full_name}@${sha}`, created);
    await created;
    await context.octokit.rest.issues.createComment(context.issue({ body: 'Reference gate notes.' }));
  });
  probot.on('workflow_run.completed', async (context) => {
    const sha = context.payload.workflow_run.head_sha;
    const { data } = await context.octokit.rest.actions.listWorkflowRunsForRepo(context.repo({ head_sha: sha, per_page: 100 }));
    if (data.workflow_runs.some((run) => run.status !== 'completed')) return;
    const created = checks.get(`${context.payload.repository.full_name}@${sha}`);
    if (created === undefined) return;
    await context.octokit.rest.checks.update(context.repo({ check_run_id: await created, status: 'completed', conclusion: 'success', output: { title: 'Reference gate', summary: 'done' } }));
  });
};

const log = pino({ level: 'error' });
const server = new Server({
  Probot: Probot.defaults({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`, log }),
  port: Number(PORT),
  host: HOST,
  log,
  enableStaticFiles: false,
});
await server.load(app);
await server.start();
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
