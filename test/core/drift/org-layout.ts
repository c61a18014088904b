import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The product's own template folder (templates/ with its manifest.yml), as the reusable drift workflow checks it out. */
export const TEMPLATES = resolve(import.meta.dirname, '../../../templates');

/** The files of the template folder that the manifest applies to `repo`, by repository path. */
export function manifestFiles(scope: 'every' | 'org'): Record<string, string> {
  const manifest = parse(readFileSync(join(TEMPLATES, 'manifest.yml'), 'utf8')) as { templates: Array<{ source: string; path?: string; repos: string[] }> };
  const wanted = manifest.templates.filter((t) => (scope === 'org' ? true : t.repos.includes('*')));
  return Object.fromEntries(wanted.map((t) => [t.path ?? t.source, readFileSync(join(TEMPLATES, t.source), 'utf8')]));
}

/** The `web` repository's drift: its gate runs on two activity types only, and its call job withholds what the reusable workflow needs. */
export function narrow(maestroYml: string): string {
  return maestroYml
    .replace(/types: \[[^\]]+\]/, 'types: [opened, synchronize]')
    .replace(/\n {6}actions: read/, '')
    .replace(/\n {6}checks: write/, '');
}

/** A realistic organisation in a temporary folder: its `.github` repository and two member repositories, each a checkout. */
export interface OrgLayout {
  root: string;
  /** The organisation's `.github` repository: the org-only templates and the per-repository ones. */
  org: string;
  /** A member that follows the per-repository templates. */
  api: string;
  /** A member whose gate workflow narrowed its pull_request types and dropped permissions of the call job. */
  web: string;
}

export function orgLayout(): OrgLayout {
  const root = mkdtempSync(join(tmpdir(), 'maestro-org-'));
  const write = (repo: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, repo, path)), { recursive: true });
      writeFileSync(join(root, repo, path), text);
    }
    mkdirSync(join(root, repo, '.git'), { recursive: true });
    return join(root, repo);
  };
  const every = manifestFiles('every');
  const org = write('.github', { 'README.md': '# acme\n', ...manifestFiles('org') });
  const api = write('api', { 'README.md': '# api\n', ...every, '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n' });
  const web = write('web', { ...every, '.github/workflows/maestro.yml': narrow(every['.github/workflows/maestro.yml']!) });
  return { root, org, api, web };
}

/** A copy of the template folder, to edit in a test. */
export function templateCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'maestro-templates-')), 'templates');
  cpSync(TEMPLATES, dir, { recursive: true });
  return dir;
}
