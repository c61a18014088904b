import type { MaestroConfig } from '../core/config/types.js';
import type { Catalog } from '../core/controls/types.js';
import { checkLoosening } from '../core/engine/check-loosening.js';
import { MaestroError } from '../core/errors.js';

/**
 * Refuses a repo config whose thresholds loosen a catalog bound beyond the catalog's limit, as the
 * gate check does (`action_required`): a gate action must not pass a report by a bound the check
 * would refuse.
 */
export function refuseLoosening(config: MaestroConfig, catalog: Catalog, path: string, keyLines: Record<string, number>): void {
  const issue = checkLoosening(config, catalog, keyLines)[0];
  if (!issue) return;
  throw new MaestroError('CONFIG_INVALID', `config file ${path} is not valid: ${issue.key}${issue.line ? ` (line ${issue.line})` : ''}: ${issue.message}`, {
    file: path,
    remedy: 'keep each threshold within the limit the catalog declares (maestro controls show <id> lists them), or pass --no-config.',
  });
}
