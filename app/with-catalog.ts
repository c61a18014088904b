import type { ConfigIssue, ConfigResult } from '../core/config/types.js';
import type { Catalog } from '../core/controls/types.js';
import type { AssertionRegistry } from '../core/engine/check-assertion.js';
import { prepareAssertions } from '../core/engine/prepare-assertions.js';
import { isMaestroError } from '../core/errors.js';
import { assertionValidators } from '../core/generated/assertions.js';
import { VERSION } from '../core/generated/version.js';
import type { RepoRef } from '../core/pr/repo-ref.js';
import type { GitHub } from '../adapters/github/github.js';
import { OrgCatalogCache } from '../adapters/github/read-org-catalog.js';
import type { EvaluationContext } from './evaluation-context.js';

/** Compiled assertions of each org catalog, compiled once per catalog built (the cache hands out the same object). */
const compiled = new WeakMap<Catalog, Promise<AssertionRegistry>>();

/** Used when the context brings no cache of its own (tests that build a context by hand). */
const fallbackCache = new OrgCatalogCache();

/**
 * The evaluation context with the catalog that judges this repository: the shipped one, or the
 * org's `maestro/controls` combined with it when the org config says `catalog.source: org`. An org
 * catalog that cannot be read or is invalid leaves the shipped catalog in place and sets
 * `catalogIssues`, so the gate concludes `action_required` naming the file, the key and the remedy.
 */
export async function withCatalog(octokit: GitHub, repo: RepoRef, config: ConfigResult, ctx: EvaluationContext): Promise<EvaluationContext> {
  const setting = config.ok ? config.config.catalog : undefined;
  if (!setting || setting.source !== 'org') return ctx;
  const read = await (ctx.orgCatalogs ?? fallbackCache).read(octokit, repo.owner, setting, ctx.catalog, VERSION);
  if (!read.ok) return { ...ctx, catalogIssues: read.issues };
  let assertions = compiled.get(read.catalog);
  if (!assertions) {
    assertions = prepareAssertions(read.catalog, assertionValidators);
    compiled.set(read.catalog, assertions);
  }
  try {
    return { ...ctx, catalog: read.catalog, assertions: await assertions };
  } catch (error) {
    if (!isMaestroError(error) || error.code !== 'CATALOG_INVALID') throw error;
    const issue: ConfigIssue = { key: 'catalog', message: `${error.message}${error.pointer ? ` (at ${error.pointer})` : ''}; ${error.remedy ?? 'fix the assertion'}` };
    return { ...ctx, catalogIssues: [issue] };
  }
}
