import { parseConfig } from '../../core/config/parse-config.js';
import type { ConfigResult } from '../../core/config/types.js';
import { buildCatalog } from '../../core/controls/build-catalog.js';
import type { Catalog, Control } from '../../core/controls/types.js';
import type { AssertionRegistry } from '../../core/engine/check-assertion.js';
import { evaluate, type EvaluateInput } from '../../core/engine/evaluate.js';
import { prepareAssertions } from '../../core/engine/prepare-assertions.js';
import type { GateResult } from '../../core/engine/types.js';
import { toSchemaIssues } from '../../core/evidence/schema-issues.js';
import { assertionValidators } from '../../core/generated/assertions.js';
import { defaultCatalog } from '../../core/generated/catalog.js';
import { validateControl } from '../../core/generated/control-validator.js';
import { makePr, NOW } from './build-evidence.js';

/** A catalog from control objects, validated like the shipped one. */
export function catalogOf(controls: Array<Omit<Control, 'source' | 'tags'> & { tags?: string[] }>): Catalog {
  return buildCatalog(controls.map((c, i) => ({ source: `test-${i}.yml`, value: c })), (v) => (validateControl(v) ? [] : toSchemaIssues(validateControl.errors ?? [], v)));
}

/** Evaluates with defaults for everything the test does not set. */
export async function run(input: Partial<EvaluateInput> & { catalog?: Catalog; configText?: string }): Promise<GateResult> {
  const catalog = input.catalog ?? defaultCatalog;
  const assertions: AssertionRegistry = input.assertions ?? (await prepareAssertions(catalog, assertionValidators));
  const config: ConfigResult = input.config ?? parseConfig(input.configText);
  return evaluate({ catalog, assertions, config, pr: input.pr ?? makePr(), evidence: input.evidence ?? [], links: input.links ?? [], waivers: input.waivers ?? [], ...(input.override ? { override: input.override } : {}), now: input.now ?? NOW });
}

/** A small control for engine tests: one a11y requirement with parameterised thresholds. */
export const A11Y_CONTROL = {
  id: 'T-01',
  title: 'Accessibility',
  priority: 'P1' as const,
  blocking: true,
  description: 'Pages meet WCAG 2.1 AA.',
  frameworks: { soc2: ['CC8.1'], iso27001: ['A.8.29'], ssdf: ['PW.8.2'] },
  applies: { labels: ['frontend'], paths: ['web/**'] },
  evidence: [
    {
      kind: 'a11y' as const,
      description: 'axe finds no critical and fewer than 5 minor violations.',
      scope: 'commit' as const,
      maxAge: 'P14D',
      link: false,
      params: { maxCritical: 0, maxMinor: 4 },
      loosest: { maxCritical: 0, maxMinor: 20 },
      assert: { properties: { counts: { properties: { critical: { maximum: { $data: '/params/maxCritical' } }, minor: { maximum: { $data: '/params/maxMinor' } } } } } },
      show: ['/counts/minor'],
    },
  ],
};

/** A control that every PR must meet with a repo-scoped drift report or an approved link. */
export const DRIFT_CONTROL = {
  id: 'T-02',
  title: 'Gate workflows in place',
  priority: 'P0' as const,
  blocking: true,
  description: 'The gate workflows match the template.',
  frameworks: { soc2: ['CC8.1'], iso27001: ['A.8.32'], ssdf: ['PO.3.3'] },
  applies: { always: true },
  evidence: [
    {
      kind: 'drift-report' as const,
      description: 'Drift status is clean.',
      scope: 'repo' as const,
      maxAge: 'P7D',
      link: true,
      assert: { properties: { status: { const: 'clean' } } },
    },
  ],
};
