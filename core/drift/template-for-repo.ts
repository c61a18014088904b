import { MaestroError } from '../errors.js';
import type { TemplateManifest } from './parse-template-manifest.js';
import { selectTemplates, type RepoSelector } from './select-templates.js';
import type { WorkflowFile } from './types.js';

/** A CI template as read: its files, and its manifest when it has one. */
export interface TemplateSet {
  /** Without a manifest: the template's workflows, each applying to every repository. With one: the file of each manifest entry, in its order, named by the entry's path in a repository. */
  files: WorkflowFile[];
  manifest?: TemplateManifest;
}

/** What one repository is compared with: template workflows, and other files it must have. */
export interface RepoTemplate {
  template: WorkflowFile[];
  /** Other files (such as .github/pull_request_template.md); undefined without a manifest. */
  files?: WorkflowFile[];
}

/** Whether a repository path is a workflow file GitHub runs. */
export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/**
 * The templates that apply to one repository. Without a manifest, every workflow of the
 * template; with one, the entries selected by the repository's name (and topics), workflows
 * apart from other files. A manifest needs the repository's name: USAGE without it.
 */
export function templateForRepo(set: TemplateSet, repo: RepoSelector | undefined): RepoTemplate {
  if (!set.manifest) return { template: set.files };
  if (!repo) throw new MaestroError('USAGE', `the template has a manifest (${set.manifest.file}) that says which templates apply to which repository, and the repository's name is not known`, { remedy: 'pass --repo-name owner/name (in a workflow, GITHUB_REPOSITORY is used).' });
  const chosen = new Set(selectTemplates(set.manifest, repo));
  const files = set.files.filter((_f, i) => chosen.has(set.manifest!.templates[i]!));
  return { template: files.filter((f) => isWorkflowPath(f.path)), files: files.filter((f) => !isWorkflowPath(f.path)) };
}
