import { join } from 'node:path';
import { parseTemplate } from '../core/drift/detect-drift.js';
import { MANIFEST_FILE, parseTemplateManifest } from '../core/drift/parse-template-manifest.js';
import { MAX_WORKFLOW_BYTES } from '../core/drift/parse-workflow.js';
import { isWorkflowPath, type TemplateSet } from '../core/drift/template-for-repo.js';
import { selfPinCommits, type ReleaseLookup, type TemplateReleases } from '../core/drift/template-releases.js';
import { isMaestroError, MaestroError } from '../core/errors.js';
import type { InputFiles } from '../core/ports/input-files.js';

/** Largest manifest read: a few hundred entries fit in far less. */
const MAX_MANIFEST_BYTES = 256 * 1024;

/**
 * The template of a folder that holds a manifest (`<dir>/manifest.yml`): the manifest, checked,
 * and the file of each entry, its workflows parsed so that a broken template stops the caller
 * before any repository is compared. Undefined when the folder has no manifest.
 */
export async function readTemplateManifestSet(files: InputFiles, dir: string): Promise<TemplateSet | undefined> {
  const manifestPath = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = (await files.read(manifestPath, 'template manifest', MAX_MANIFEST_BYTES)).toString('utf8');
  } catch (error) {
    if (isMaestroError(error) && error.code === 'FILE_NOT_FOUND') return undefined;
    throw error;
  }
  const manifest = parseTemplateManifest(text, manifestPath);
  const out = [];
  for (const [i, entry] of manifest.templates.entries()) {
    const source = join(dir, entry.source);
    const bytes = await files.read(source, `template ${entry.source} of ${manifestPath}`, MAX_WORKFLOW_BYTES).catch((error: unknown) => {
      if (!isMaestroError(error) || error.code !== 'FILE_NOT_FOUND') throw error;
      throw new MaestroError('TEMPLATE_INVALID', `template manifest ${manifestPath} names ${entry.source}, which is not in ${dir}`, { file: manifestPath, pointer: `/templates/${i}/source`, remedy: 'add the file beside the manifest, or remove its entry.', cause: error });
    });
    const file = { path: entry.path, text: bytes.toString('utf8') };
    if (isWorkflowPath(entry.path)) parseTemplate({ path: source, text: file.text });
    out.push(file);
  }
  return { manifest, files: out };
}

/** Reads the workflows of a file or folder, as adapters/fs/read-workflow-files.ts does. */
export type ReadWorkflows = (path: string, what: string) => Promise<{ files: TemplateSet['files']; single: boolean }>;

/**
 * A CI template from the path the user named: a folder with a manifest gives the manifest's
 * selection; anything else (a workflow file, a folder of workflows, a checkout without manifest)
 * gives its workflows, each applying to every repository, as before manifests. `single` says the
 * user named one workflow file.
 */
export async function readDriftTemplate(files: InputFiles, readWorkflows: ReadWorkflows, path: string, what: string): Promise<TemplateSet & { single: boolean }> {
  const set = await readTemplateManifestSet(files, path);
  if (set) return { ...set, single: false };
  const workflows = await readWorkflows(path, what);
  return { files: workflows.files, single: workflows.single };
}

/** Most commits asked about for one comparison: a caller template pins a few; a workflow naming hundreds gets the rest compared by SHA. */
export const MAX_RELEASE_LOOKUPS = 64;

/**
 * The releases of the commits of the template repository (`repository`, owner/name) that the
 * workflow texts pin (the template's first, then the repository's), asked of the lookup once
 * each and at most MAX_RELEASE_LOOKUPS, so that the comparison can tell a newer release's pin from drift.
 */
export async function readTemplateReleases(lookup: ReleaseLookup, repository: string, texts: readonly string[]): Promise<TemplateReleases> {
  const history = await lookup.history();
  const releases: Record<string, string> = {};
  for (const sha of selfPinCommits(texts, repository).slice(0, MAX_RELEASE_LOOKUPS)) {
    const release = await lookup.releaseOf(sha);
    if (release !== undefined) releases[sha] = release;
  }
  return { repository: repository.toLowerCase(), releases, history };
}
