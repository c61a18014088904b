import type { TemplateSet } from '../../core/drift/template-for-repo.js';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import { readDriftTemplate } from '../../flows/read-drift-template.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { readWorkflowFiles } from '../../adapters/fs/read-workflow-files.js';
import { gitReleaseLookup } from '../../adapters/git/read-template-releases.js';
import { DriftFixApp } from './drift-fix-app.js';
import type { DriftSchedule } from './drift-scheduler.js';
import type { DriftEnv } from './read-drift-env.js';

/**
 * The template of DRIFT_TEMPLATE, read once at start: a folder with a manifest.yml (such as a
 * checkout's templates/) gives each repository the templates selected for it; a workflow file,
 * a folder of workflows or a checkout without manifest gives all its workflows to every
 * repository. A missing, broken or empty template stops the App here, not at the first sweep.
 */
export async function readDriftSweepTemplate(path: string): Promise<TemplateSet> {
  const set = await readDriftTemplate(fsInputFiles, readWorkflowFiles, path, 'DRIFT_TEMPLATE');
  if (set.files.length === 0) throw new MaestroError('ENV_INVALID', `DRIFT_TEMPLATE ${path} holds no workflow file`, { remedy: 'point DRIFT_TEMPLATE at the template folder with its manifest.yml (such as a checkout\'s templates/), a workflow file, its .github/workflows folder, or a checkout of the template repository.' });
  return set;
}

/**
 * The drift sweep's schedule from its settings: the drift-fix App joins only when DRIFT_APP_ID is
 * set; the template repository's releases are read from the git history DRIFT_TEMPLATE lies in.
 */
export function driftSchedule(env: DriftEnv, template: TemplateSet, baseUrl: string, store?: EvidenceStore): DriftSchedule {
  return {
    template: template.files,
    templateSource: env.templateSource,
    releases: { repository: env.templateRepo, lookup: gitReleaseLookup(env.template) },
    ...(template.manifest ? { manifest: template.manifest } : {}),
    ...(env.fixApp ? { fixer: new DriftFixApp({ ...env.fixApp, baseUrl }) } : {}),
    ...(env.intervalMs ? { intervalMs: env.intervalMs } : {}),
    dryRun: env.dryRun,
    dispatchRepo: env.dispatchRepo,
    ...(store ? { store } : {}),
  };
}
