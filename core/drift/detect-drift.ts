import { MaestroError } from '../errors.js';
import { sha256Hex } from '../util/sha256.js';
import { compareWorkflow } from './compare-workflow.js';
import { parseWorkflow, type ParsedWorkflow } from './parse-workflow.js';
import type { TemplateReleases } from './template-releases.js';
import { compareVersions, readTemplateVersion } from './template-version.js';
import type { DriftChange, DriftResult, WorkflowFile } from './types.js';

/** What to compare: the template's workflow files and the repository's. */
export interface DriftInput {
  template: WorkflowFile[];
  repo: WorkflowFile[];
  /** Where the template comes from, as the report names it. */
  templateSource: string;
  /**
   * Compare the only template file with the only repository file whatever their names (when the
   * user named two files); otherwise files are paired by file name.
   */
  pairSingleFiles?: boolean;
  /** Template files other than workflows (such as .github/pull_request_template.md): each must exist in the repository. */
  files?: WorkflowFile[];
  /** The paths of `files` the repository has. */
  repoPaths?: string[];
  /** The template repository's releases: pins of that repository are compared by release (see compareWorkflow). */
  releases?: TemplateReleases;
}

/**
 * Compares a repository's workflows with a template. Each template file must exist in the
 * repository under the same file name; the repository's other workflows are its own. A template
 * that does not parse is the caller's error (TEMPLATE_INVALID); a repository workflow that does
 * not parse makes the status `invalid`, never `clean`.
 */
export function detectDrift(input: DriftInput): DriftResult {
  // With a manifest (files given), a repository to which no template applies is clean; a bare template must hold a workflow.
  if (input.template.length === 0 && input.files === undefined) throw new MaestroError('TEMPLATE_INVALID', `the template ${input.templateSource} holds no workflow file`, { remedy: 'pass a template workflow file, or a folder of *.yml workflow files.' });
  const templates = input.template.map((file) => ({ file, workflow: parseTemplate(file) }));
  const changes: DriftChange[] = [];
  const missingJobs = new Set<string>();
  for (const t of templates) {
    const repoFile = input.pairSingleFiles && input.template.length === 1 && input.repo.length === 1 ? input.repo[0] : input.repo.find((r) => baseName(r.path) === baseName(t.file.path));
    if (!repoFile) {
      const path = `.github/workflows/${baseName(t.file.path)}`;
      Object.keys(t.workflow.value.jobs).forEach((job) => missingJobs.add(job));
      changes.push({ file: path, type: 'missing-workflow', expected: t.file.path, message: `workflow ${path} of the template is missing` });
      continue;
    }
    const parsed = parseWorkflow(repoFile.text);
    if (!parsed.ok) {
      changes.push({ file: repoFile.path, type: 'invalid-yaml', message: `${repoFile.path} ${parsed.message}` });
      continue;
    }
    const found = compareWorkflow({ file: repoFile.path, template: { text: t.file.text, workflow: t.workflow }, repo: { text: repoFile.text, workflow: parsed.workflow }, ...(input.releases ? { releases: input.releases } : {}) });
    found.filter((c) => c.type === 'missing-job').forEach((c) => missingJobs.add(c.job!));
    changes.push(...found);
  }
  const present = new Set(input.repoPaths ?? []);
  for (const file of input.files ?? []) {
    if (!present.has(file.path)) changes.push({ file: file.path, type: 'missing-file', expected: file.path, message: `${file.path} of the template is missing` });
  }
  const status = changes.some((c) => c.type === 'invalid-yaml') ? 'invalid' : changes.length > 0 ? 'drift' : 'clean';
  return { status, missingJobs: [...missingJobs].sort(), template: { source: input.templateSource, version: templateVersion(input.template) }, changes };
}

/** Parses a template file or throws TEMPLATE_INVALID naming it. */
export function parseTemplate(file: WorkflowFile): ParsedWorkflow {
  const parsed = parseWorkflow(file.text);
  if (!parsed.ok) throw new MaestroError('TEMPLATE_INVALID', `template ${file.path} ${parsed.message}`, { file: file.path, remedy: 'fix the template workflow; repositories are compared against it.' });
  return parsed.workflow;
}

/**
 * The template's version: the newest version marker of its files, or, when none declares one, a
 * digest of its content (so two reports name the same template the same way).
 */
export function templateVersion(files: WorkflowFile[]): string {
  const versions = files.map((f) => readTemplateVersion(f.text)).filter((v): v is string => v !== undefined);
  if (versions.length > 0) return versions.sort(compareVersions).at(-1)!;
  const digest = sha256Hex([...files].sort((a, b) => (baseName(a.path) < baseName(b.path) ? -1 : 1)).map((f) => `${baseName(f.path)}\n${f.text}`).join('\n'));
  return `sha256:${digest.slice(0, 12)}`;
}

/** The file name of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
