import { lstat, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { baseName, detectDrift, type DriftInput } from '../../core/drift/detect-drift.js';
import { fixCommand } from '../../core/drift/fix-command.js';
import { fixDrift } from '../../core/drift/fix-drift.js';
import { templateForRepo } from '../../core/drift/template-for-repo.js';
import { toDriftReport } from '../../core/drift/to-drift-report.js';
import type { DriftResult, WorkflowFile } from '../../core/drift/types.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { isEvaluationTime } from '../../flows/evaluate-from-files.js';
import { readDriftTemplate, readTemplateReleases } from '../../flows/read-drift-template.js';
import { resolveRepository } from '../../adapters/fs/resolve-report-context.js';
import { gitCheckout } from '../../adapters/git/read-checkout.js';
import { gitReleaseLookup } from '../../adapters/git/read-template-releases.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { readWorkflowFiles, type WorkflowSource } from '../../adapters/fs/read-workflow-files.js';
import { driftReportKey } from '../../core/drift/drift-evidence-keys.js';
import { openStore } from '../../adapters/store/open-store.js';
import { putJson } from '../../adapters/store/put-json.js';
import { printOut, writeFileAtomic } from '../../adapters/fs/write-output.js';
import { renderDriftReport } from '../../core/render/render-drift-report.js';

/** Options of `maestro drift`, as the command line gives them. */
export interface DriftOptions {
  template: string;
  repo: string;
  format: 'markdown' | 'json';
  repoName?: string;
  topics?: string;
  sha?: string;
  templateSource?: string;
  templateRepo?: string;
  now?: string;
  report?: string;
  fix?: boolean;
  store?: string;
}

const EXIT = { clean: 0, drift: 1, invalid: 2 } as const;
const REPO_NAME = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
/** The repository whose reusable workflows and actions the shipped templates call. */
const TEMPLATE_REPOSITORY = 'maestro-conductor/maestro-conductor';
const BY_HAND = 'pass --repo-name owner/name, or run on a clone whose origin remote is the repository on GitHub (in a workflow, GITHUB_REPOSITORY is used).';

/**
 * `maestro drift`: compare a repository's workflows (and the other files its templates name) with
 * the templates that apply to it. Exit 0 clean, 1 drift, 2 invalid. With --fix, the files are
 * restored, compared again, and the exit status is that of the files as the fix left them: never
 * 0 while something could not be restored. The drift-report always describes the commit compared.
 */
export async function driftCommand(options: DriftOptions): Promise<number> {
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const needsReport = options.format === 'json' || options.report !== undefined || options.store !== undefined;
  const subject = await subjectOf(options);
  const repoName = subject.repoName();
  if (repoName !== undefined && !REPO_NAME.test(repoName)) throw new MaestroError('USAGE', `the repository must be given as owner/name, not ${JSON.stringify(repoName)}`, { remedy: 'pass --repo-name owner/name (in a workflow, GITHUB_REPOSITORY is used).' });
  if (needsReport && !repoName) throw new MaestroError('USAGE', 'a drift-report needs the repository as owner/name', { remedy: BY_HAND });
  // The commit is only looked for when a report names it.
  const sha = needsReport ? subject.sha() : undefined;
  if (needsReport && (!sha || !/^[0-9a-f]{40}$/.test(sha))) throw new MaestroError('USAGE', `a drift-report needs the full commit SHA of the repository${sha ? `, not ${JSON.stringify(sha)}` : ''}`, { remedy: 'pass --sha $(git rev-parse HEAD), or run on a checkout with a commit (in a workflow, GITHUB_SHA is used).' });
  const templateRepo = options.templateRepo || TEMPLATE_REPOSITORY;
  if (!REPO_NAME.test(templateRepo)) throw new MaestroError('USAGE', `--template-repo must be owner/name, not ${JSON.stringify(templateRepo)}`, { remedy: `name the repository the template comes from, such as ${TEMPLATE_REPOSITORY}.` });
  const topics = readTopics(options.topics);
  // The store is checked before anything is compared or fixed: a store that cannot keep the report stops the run early.
  const store = options.store ? await openStore(options.store) : undefined;
  await store?.preflight();
  const templateSet = await readDriftTemplate(fsInputFiles, readWorkflowFiles, options.template, 'template');
  const templateSource = options.templateSource ?? options.template;
  const selected = templateForRepo(templateSet, repoName ? { name: repoName.split('/')[1]!, ...(topics ? { topics } : {}) } : undefined);
  const repo = await readWorkflowFiles(options.repo, 'repository workflows');
  const root = await checkoutRoot(options.repo, repo);
  if (selected.files?.length && root === undefined) throw new MaestroError('USAGE', `the templates of ${repoName} also name files outside .github/workflows (${selected.files.map((f) => f.path).join(', ')}), and --repo ${options.repo} is not a repository checkout`, { remedy: 'pass the checkout\'s root folder as --repo.' });
  // Pins of the template repository are compared by the release they name, read from the template checkout's history.
  const releases = await readTemplateReleases(gitReleaseLookup(options.template), templateRepo, [...selected.template, ...repo.files].map((f) => f.text));
  const input: DriftInput = { template: selected.template, repo: repo.files, templateSource, pairSingleFiles: templateSet.single && repo.single, releases, ...(selected.files ? { files: selected.files, repoPaths: await presentPaths(root, selected.files) } : {}) };
  const result = detectDrift(input);
  const hint = repoName ? fixCommand(repoName, templateSource) : undefined;
  const report = needsReport ? toDriftReport(result, { repo: repoName!, sha: sha!, producer: { name: 'maestro-drift', version: VERSION }, createdAt: now, ...(hint ? { fix: hint } : {}) }) : undefined;
  if (options.report && report) await writeFileAtomic(options.report, `${JSON.stringify(report, null, 2)}\n`);
  if (store && report) {
    const stored = await putJson(store, driftReportKey(now, repoName!), report);
    process.stderr.write(`stored ${stored.key} in ${store.url} (sha256 ${stored.sha256})\n`);
  }
  const after = options.fix ? await fix(input, repo, root) : result;
  if (options.format === 'json') await printOut(`${JSON.stringify(report, null, 2)}\n`);
  else await printOut(renderDriftReport(after, repoName) + nextStep(options, after, result));
  return EXIT[after.status];
}

/** Writes the fix and compares again: what is still different is what --fix could not restore. */
async function fix(input: DriftInput, repo: WorkflowSource, root: string | undefined): Promise<DriftResult> {
  const written = fixDrift(input);
  for (const file of written) {
    const target = file.path.startsWith('.github/workflows/') || !root ? (repo.single ? repo.location : join(repo.location, baseName(file.path))) : join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, file.text);
    process.stderr.write(`fixed ${target}\n`);
  }
  const workflows = input.repo.filter((f) => !written.some((w) => w.path === f.path)).concat(written.filter((w) => w.path.startsWith('.github/workflows/') || repo.single));
  const paths = [...(input.repoPaths ?? []), ...written.map((w) => w.path)];
  return detectDrift({ ...input, repo: workflows, ...(input.files ? { repoPaths: paths } : {}) });
}

/** The line after the report: how to fix, or what the fix left. */
function nextStep(options: DriftOptions, after: DriftResult, before: DriftResult): string {
  if (options.fix) {
    if (before.status === 'drift' && after.status === 'clean') return '\nRestored the template: the files now match it. Review the changes and commit them.\n';
    if (after.status === 'drift') return '\n`--fix` could not restore every difference above: change them by hand.\n';
    return '';
  }
  if (after.status !== 'drift') return '';
  const repoName = options.repoName ? ` --repo-name ${options.repoName}` : '';
  return `\nTo restore the template: \`maestro drift --template ${options.template} --repo ${options.repo}${repoName} --fix\`\n`;
}

/**
 * Where the repository and commit compared come from: the options, else GITHUB_REPOSITORY and
 * GITHUB_SHA, else (by hand, outside GitHub Actions) the `origin` remote and `HEAD` of the checkout
 * --repo lies in, each named on stderr when taken from there. Either may stay unknown.
 */
async function subjectOf(options: DriftOptions): Promise<{ repoName: () => string | undefined; sha: () => string | undefined }> {
  const env = process.env;
  const byHand = env.GITHUB_ACTIONS !== 'true';
  const folder = await lstat(options.repo).then((s) => (s.isDirectory() ? options.repo : dirname(options.repo)), () => options.repo);
  const checkout = gitCheckout(folder);
  const note = (line: string) => process.stderr.write(`${line}\n`);
  return {
    repoName: () => {
      const given = options.repoName || env.GITHUB_REPOSITORY || undefined;
      if (given !== undefined || !byHand) return given;
      try {
        return resolveRepository(undefined, { ...env, GITHUB_REPOSITORY: '' }, { checkout, note });
      } catch {
        return undefined; // no GitHub origin: a report or manifest that needs the repository says so
      }
    },
    sha: () => {
      const given = options.sha ?? (env.GITHUB_SHA || undefined);
      if (given !== undefined || !byHand) return given;
      const head = checkout.headCommit();
      if (head) note(`sha ${head} (from git HEAD of ${folder})`);
      return head;
    },
  };
}

/** The root of the repository checkout the workflows were read from, when they come from one. */
async function checkoutRoot(path: string, repo: WorkflowSource): Promise<string | undefined> {
  if (repo.single) return undefined;
  if (repo.location !== path) return path;
  const parent = dirname(path);
  return basename(path) === 'workflows' && basename(parent) === '.github' ? dirname(parent) : undefined;
}

/** Which of the template's other files the checkout has (symbolic links count: GitHub follows none, but a link is the repository's choice). */
async function presentPaths(root: string | undefined, files: WorkflowFile[]): Promise<string[]> {
  if (root === undefined) return [];
  const present: string[] = [];
  for (const f of files) if (await lstat(join(root, f.path)).then(() => true, () => false)) present.push(f.path);
  return present;
}

/** --topics a,b as a list; undefined when not given. */
function readTopics(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const topics = text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const bad = topics.find((t) => !/^[a-z0-9][a-z0-9-]{0,49}$/.test(t));
  if (bad !== undefined) throw new MaestroError('USAGE', `--topics ${JSON.stringify(text)}: ${JSON.stringify(bad)} is not a GitHub topic`, { remedy: 'list topics as GitHub writes them: lowercase letters, digits and hyphens, comma-separated.' });
  return topics;
}
