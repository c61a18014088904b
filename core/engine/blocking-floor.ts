import type { ConfigIssue } from '../config/types.js';
import type { Catalog } from '../controls/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import { evaluateApplicability } from './applies.js';
import type { ControlDecision } from './types.js';

/** Why a repo config leaves the gate unable to fail: the headline, and the issue pointing at the config. */
export interface NoBlockingControl {
  headline: string;
  issue: ConfigIssue;
}

/**
 * A gate under which no blocking control applies cannot fail, and a required check that cannot
 * fail protects nothing. When the repo config (by excluding, filtering, re-scoping or making
 * controls report-only) leaves no blocking control for a pull request to which the catalog's own
 * rules would apply some, the gate concludes `action_required` with this headline. A pull request
 * to which no blocking control would apply even under the catalog's rules is not affected.
 */
export function findNoBlockingControl(catalog: Catalog, pr: PullRequestFacts, controls: ControlDecision[], source: string, keyLines: Record<string, number>): NoBlockingControl | undefined {
  if (controls.some((c) => c.blocking && c.result !== 'not-applicable')) return undefined;
  const wouldApply = catalog.controls.filter((c) => c.blocking && evaluateApplicability(c.applies, pr).applicable).map((c) => c.id);
  if (wouldApply.length === 0) return undefined;
  const shown = wouldApply.length > 10 ? `${wouldApply.slice(0, 10).join(', ')} and ${wouldApply.length - 10} more` : wouldApply.join(', ');
  const line = keyLines.controls;
  return {
    headline: `The config of ${source} leaves no blocking control for this pull request (the catalog would apply ${wouldApply.length}: ${shown}); a gate that cannot fail protects nothing.`,
    issue: {
      key: 'controls',
      message: `no blocking control applies under this config, while the catalog would apply ${shown}: keep at least one of them evaluated and blocking (controls.exclude, controls.priorities, controls.tags, controls.customize.<id>.blocking, .labels, .paths), or remove the config to use the catalog as it is`,
      ...(line !== undefined ? { line } : {}),
    },
  };
}
