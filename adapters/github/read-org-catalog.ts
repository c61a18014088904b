import type { ConfigIssue, CatalogSetting } from '../../core/config/types.js';
import { combineCatalogs } from '../../core/controls/combine-catalogs.js';
import { describeCatalogProblem, parseCatalogFiles, type CatalogFileText } from '../../core/controls/parse-catalog-files.js';
import type { Catalog } from '../../core/controls/types.js';
import { toSchemaIssues } from '../../core/evidence/schema-issues.js';
import { validateControl } from '../../core/generated/control-validator.js';
import { formatBytes } from '../../core/util/format-bytes.js';
import { ORG_CONFIG_FRESH_MS } from './etag-cache.js';
import type { GitHub } from './github.js';

/** The folder of the owner's `.github` repository that holds the org's control files. */
export const ORG_CATALOG_DIR = 'maestro/controls';

/** Most control files read from the folder: a catalog is tens of controls, not thousands. */
export const MAX_ORG_CONTROL_FILES = 200;

/** Largest control file read, as for a catalog folder on disk. */
export const MAX_ORG_CONTROL_BYTES = 256 * 1024;

/** The org's catalog combined with the shipped one, or why it cannot be used (key `catalog`: the gate concludes `action_required`). */
export type OrgCatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: ConfigIssue[] };

interface Head {
  at: number;
  sha: string;
  etag?: string;
}

/**
 * Reads the org's controls (`maestro/controls/*.yml` of the owner's `.github` repository, default
 * branch) and combines them with the shipped catalog. The folder is read at one commit, so a push
 * in the middle cannot mix two versions; the commit is asked for at most every few minutes per
 * owner (then with its ETag: a 304 costs no rate limit), and a catalog built at a commit is kept,
 * so evaluations reuse it without a request. One instance per app, shared by the installations.
 */
export class OrgCatalogCache {
  readonly #heads = new Map<string, Head>();
  readonly #built = new Map<string, Promise<OrgCatalogResult>>();

  constructor(readonly now: () => number = Date.now, readonly max = 200) {}

  /** The catalog for `owner` under `setting` (source `org`), combined with `shipped` of Maestro `version`. */
  async read(octokit: GitHub, owner: string, setting: CatalogSetting, shipped: Catalog, version: string): Promise<OrgCatalogResult> {
    const head = await this.#head(octokit, owner);
    if ('issues' in head) return head;
    const key = `${owner.toLowerCase()}@${head.sha} ${setting.mode} ${shipped.digest}`;
    let built = this.#built.get(key);
    if (!built) {
      built = readAt(octokit, owner, head.sha).then((read) => {
        if (!read.ok) return read;
        const location = `${owner}/.github@${head.sha.slice(0, 7)} ${ORG_CATALOG_DIR}`;
        return { ok: true as const, catalog: combineCatalogs(shipped, read.catalog, setting.mode, { source: 'org', location, files: read.files }, version) };
      });
      this.#remember(this.#built, key, built);
      // A failed request is not remembered: the next evaluation asks again.
      built.catch(() => this.#built.delete(key));
    }
    return built;
  }

  /** The commit of the `.github` repository's default branch: fresh for a few minutes, then revalidated with its ETag. */
  async #head(octokit: GitHub, owner: string): Promise<Head | { ok: false; issues: ConfigIssue[] }> {
    const key = owner.toLowerCase();
    const known = this.#heads.get(key);
    if (known && this.now() - known.at < ORG_CONFIG_FRESH_MS) return known;
    try {
      const response = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
        owner, repo: '.github', ref: 'HEAD', mediaType: { format: 'sha' },
        ...(known?.etag ? { headers: { 'if-none-match': known.etag } } : {}),
      });
      const sha = (asText(response.data) ?? '').trim();
      if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`GitHub answered ${JSON.stringify(sha.slice(0, 60))} for the commit of ${owner}/.github, not a commit sha`);
      const etag = (response.headers as Record<string, string | undefined>).etag;
      const head: Head = { at: this.now(), sha, ...(etag ? { etag } : {}) };
      this.#remember(this.#heads, key, head);
      return head;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (known && status === 304) {
        const head = { ...known, at: this.now() };
        this.#remember(this.#heads, key, head);
        return head;
      }
      if (status === 404 || status === 409 || status === 403) {
        return refused(`catalog.source is org, but the app cannot read ${owner}/.github (HTTP ${status}: ${status === 409 ? 'the repository is empty' : 'it does not exist, or the app is not installed on it'}); install the app on ${owner}/.github with Contents: read, or set catalog.source: shipped in the org config`);
      }
      throw error;
    }
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.max) map.delete(map.keys().next().value as string);
  }
}

/** The control files of the folder at one commit, parsed and validated; every problem names its file and field. */
async function readAt(octokit: GitHub, owner: string, sha: string): Promise<{ ok: true; catalog: Catalog; files: number } | { ok: false; issues: ConfigIssue[] }> {
  const where = `${ORG_CATALOG_DIR} in ${owner}/.github@${sha.slice(0, 7)}`;
  let listing: unknown;
  try {
    listing = (await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo: '.github', path: ORG_CATALOG_DIR, ref: sha })).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return refused(`catalog.source is org, but ${where} does not exist; add the org's control files there (one control per *.yml file), or set catalog.source: shipped in the org config`);
    throw error;
  }
  if (!Array.isArray(listing)) return refused(`${where} is a file, not a folder; make it a folder of control files (one control per *.yml file)`);
  const entries = (listing as Array<{ type?: string; name?: string; path?: string; size?: number }>)
    .filter((e) => e.type === 'file' && typeof e.name === 'string' && /\.ya?ml$/.test(e.name))
    .sort((a, b) => (a.name! < b.name! ? -1 : 1));
  if (entries.length === 0) return refused(`${where} holds no control files (*.yml); add one control per file, or set catalog.source: shipped in the org config`);
  if (entries.length > MAX_ORG_CONTROL_FILES) return refused(`${where} holds ${entries.length} control files, more than the limit of ${MAX_ORG_CONTROL_FILES}; none was read. Keep the catalog to ${MAX_ORG_CONTROL_FILES} controls`);
  const issues: ConfigIssue[] = [];
  const files: CatalogFileText[] = [];
  for (const entry of entries) {
    const name = `${ORG_CATALOG_DIR}/${entry.name!} in ${owner}/.github`;
    if ((entry.size ?? 0) > MAX_ORG_CONTROL_BYTES) {
      issues.push({ key: 'catalog', message: `${name} is ${entry.size} bytes, more than the limit of ${formatBytes(MAX_ORG_CONTROL_BYTES)} for a control file; it was not read. A control is a page of YAML: split it or shorten it` });
      continue;
    }
    const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo: '.github', path: entry.path ?? `${ORG_CATALOG_DIR}/${entry.name!}`, ref: sha, mediaType: { format: 'raw' } });
    const text = asText(response.data);
    if (text === undefined || Buffer.byteLength(text) > MAX_ORG_CONTROL_BYTES) issues.push({ key: 'catalog', message: `${name} could not be read as a text file of at most ${formatBytes(MAX_ORG_CONTROL_BYTES)}; make it a YAML file` });
    else files.push({ name, text });
  }
  const parsed = parseCatalogFiles(files, (value) => (validateControl(value) ? [] : toSchemaIssues(validateControl.errors ?? [], value)));
  if (!parsed.ok) issues.push(...parsed.problems.map((p) => ({ key: 'catalog', message: describeCatalogProblem(p) })));
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues };
  return { ok: true, catalog: parsed.catalog, files: files.length };
}

/** Octokit gives text for text/* answers, and bytes for other media types (application/vnd.github.raw). */
function asText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || Buffer.isBuffer(data)) return Buffer.from(data as ArrayBuffer).toString('utf8');
  return undefined;
}

function refused(message: string): { ok: false; issues: ConfigIssue[] } {
  return { ok: false, issues: [{ key: 'catalog', message }] };
}
