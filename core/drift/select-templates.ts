import { MaestroError } from '../errors.js';
import type { TemplateManifest, TemplateManifestEntry } from './parse-template-manifest.js';

/** What selects templates for a repository: its name, and its topics when they are known. */
export interface RepoSelector {
  /** The repository's name (without the owner). */
  name: string;
  /** Its topics; undefined when unknown (a manifest entry with topics then cannot be decided). */
  topics?: string[];
}

/** Whether a repository name matches a glob: * any run of characters, ? one; case-insensitive. */
export function matchesNameGlob(name: string, glob: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`, 'i').test(name);
}

/** Whether one manifest entry applies to the repository. */
export function appliesTo(entry: TemplateManifestEntry, repo: RepoSelector, manifestFile: string): boolean {
  if (!entry.repos.some((g) => matchesNameGlob(repo.name, g))) return false;
  if (entry.exclude.some((g) => matchesNameGlob(repo.name, g))) return false;
  if (entry.topics.length === 0) return true;
  if (repo.topics === undefined) {
    throw new MaestroError('USAGE', `template ${entry.source} of ${manifestFile} applies by topic (${entry.topics.join(', ')}), and the topics of ${repo.name} are not known`, { remedy: 'pass the repository\'s topics with --topics a,b (in a workflow: ${{ join(github.event.repository.topics, \',\') }}).' });
  }
  const topics = new Set(repo.topics.map((t) => t.toLowerCase()));
  return entry.topics.some((t) => topics.has(t));
}

/**
 * The manifest entries that apply to a repository, in manifest order. Two entries that apply
 * and put a file at the same path contradict each other: TEMPLATE_INVALID naming both.
 */
export function selectTemplates(manifest: TemplateManifest, repo: RepoSelector): TemplateManifestEntry[] {
  const chosen = manifest.templates.filter((entry) => appliesTo(entry, repo, manifest.file));
  const byPath = new Map<string, TemplateManifestEntry>();
  for (const entry of chosen) {
    const other = byPath.get(entry.path);
    if (other) throw new MaestroError('TEMPLATE_INVALID', `template manifest ${manifest.file} applies both ${other.source} and ${entry.source} as ${entry.path} to ${repo.name}`, { file: manifest.file, remedy: 'narrow repos, exclude or topics so that one template applies per path.' });
    byPath.set(entry.path, entry);
  }
  return chosen;
}
