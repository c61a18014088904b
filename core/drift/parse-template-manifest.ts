import { validateTemplateManifest } from '../generated/drift-validators.js';
import { MaestroError } from '../errors.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { parseYaml } from '../util/parse-yaml.js';

/** One template file of the manifest and the repositories it applies to. */
export interface TemplateManifestEntry {
  /** The file, relative to the manifest's folder. */
  source: string;
  /** Where it lives in a repository. */
  path: string;
  /** Name globs it applies to. */
  repos: string[];
  /** Name globs it does not apply to. */
  exclude: string[];
  /** Topics of which a repository needs one; empty: any repository. */
  topics: string[];
}

/** The manifest of a CI template (templates/manifest.yml): which file applies to which repository. */
export interface TemplateManifest {
  /** The manifest's file name, as errors and reports name it. */
  file: string;
  templates: TemplateManifestEntry[];
}

/** The manifest's file name inside a template folder. */
export const MANIFEST_FILE = 'manifest.yml';

/**
 * Parses and checks a template manifest: YAML, then its JSON schema (every problem at once, each
 * with its JSON pointer). A manifest that does not parse or match is TEMPLATE_INVALID naming the
 * file; it is never read halfway.
 */
export function parseTemplateManifest(text: string, file: string): TemplateManifest {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw invalid(file, `is not valid YAML${parsed.line ? ` (line ${parsed.line})` : ''}: ${parsed.message}`);
  const value = parsed.value;
  if (!validateTemplateManifest(value)) {
    const issues = toSchemaIssues(validateTemplateManifest.errors ?? [], value).map((i) =>
      // The path pattern says in a regular expression what a sentence says better.
      /\/(source|path)$/.test(i.pointer) && i.message.includes('expected form') ? { ...i, message: `${i.message.split(' does not')[0]} must be a relative path inside the folder (no leading /, no . or .. segments)` } : i,
    );
    const first = issues[0];
    throw invalid(file, `does not match the template manifest schema: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`, first?.pointer);
  }
  const raw = value as { templates: Array<{ source: string; path?: string; repos: string[]; exclude?: string[]; topics?: string[] }> };
  return {
    file,
    templates: raw.templates.map((t) => ({ source: t.source, path: t.path ?? t.source, repos: t.repos, exclude: t.exclude ?? [], topics: t.topics ?? [] })),
  };
}

function invalid(file: string, message: string, pointer?: string): MaestroError {
  return new MaestroError('TEMPLATE_INVALID', `template manifest ${file} ${message}`, {
    file,
    ...(pointer ? { pointer } : {}),
    remedy: 'fix the manifest: each entry of templates needs source (a file beside the manifest) and repos (names or globs such as * or .github); see docs/drift.md.',
  });
}
