import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { baseName, detectDrift, type DriftInput } from '../../core/drift/detect-drift.js';
import { fixDrift } from '../../core/drift/fix-drift.js';
import { toDriftReport } from '../../core/drift/to-drift-report.js';
import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { isEvaluationTime } from '../../flows/evaluate-from-files.js';
import { readWorkflowFiles } from '../../adapters/fs/read-workflow-files.js';
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
  sha?: string;
  templateSource?: string;
  now?: string;
  report?: string;
  fix?: boolean;
  store?: string;
}

const EXIT = { clean: 0, drift: 1, invalid: 2 } as const;

/** `maestro drift`: compare a repository's workflows with the template. Exit 0 clean, 1 drift, 2 invalid. */
export async function driftCommand(options: DriftOptions): Promise<number> {
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const needsReport = options.format === 'json' || options.report !== undefined || options.store !== undefined;
  const repoName = options.repoName ?? process.env.GITHUB_REPOSITORY;
  const sha = options.sha ?? process.env.GITHUB_SHA;
  if (needsReport && (!repoName || !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repoName))) throw new MaestroError('USAGE', `a drift-report needs the repository as owner/name${repoName ? `, not ${JSON.stringify(repoName)}` : ''}`, { remedy: 'pass --repo-name owner/name (in a workflow, GITHUB_REPOSITORY is used).' });
  if (needsReport && (!sha || !/^[0-9a-f]{40}$/.test(sha))) throw new MaestroError('USAGE', `a drift-report needs the full commit SHA of the repository${sha ? `, not ${JSON.stringify(sha)}` : ''}`, { remedy: 'pass --sha $(git rev-parse HEAD) (in a workflow, GITHUB_SHA is used).' });
  // The store is checked before anything is compared or fixed: a store that cannot keep the report stops the run early.
  const store = options.store ? await openStore(options.store) : undefined;
  await store?.preflight();
  const template = await readWorkflowFiles(options.template, 'template');
  const repo = await readWorkflowFiles(options.repo, 'repository workflows');
  const input: DriftInput = { template: template.files, repo: repo.files, templateSource: options.templateSource ?? options.template, pairSingleFiles: template.single && repo.single };
  const result = detectDrift(input);
  if (options.fix) {
    for (const file of fixDrift(input)) {
      const target = repo.single ? repo.location : join(repo.location, baseName(file.path));
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, file.text);
      process.stderr.write(`fixed ${target}\n`);
    }
  }
  const report = needsReport ? toDriftReport(result, { repo: repoName!, sha: sha!, producer: { name: 'maestro-drift', version: VERSION }, createdAt: now }) : undefined;
  if (options.report && report) await writeFileAtomic(options.report, `${JSON.stringify(report, null, 2)}\n`);
  if (store && report) {
    const stored = await putJson(store, driftReportKey(now, repoName!), report);
    process.stderr.write(`stored ${stored.key} in ${store.url} (sha256 ${stored.sha256})\n`);
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderDriftReport(result, repoName));
  return EXIT[result.status];
}
