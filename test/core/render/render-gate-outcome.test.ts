import { describe, expect, it } from '@jest/globals';
import { buildA11yOutcome } from '../../../core/gates/a11y/build-a11y-outcome.js';
import { concludeAttestations } from '../../../core/gates/attestation/evaluate-attestations.js';
import { buildK6Outcome } from '../../../core/gates/k6/build-k6-outcome.js';
import { evaluateSbomDiff } from '../../../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { evaluateSchemaDiff } from '../../../core/gates/schema-diff/evaluate-schema-diff.js';
import { buildSloOutcome } from '../../../core/gates/slo/build-slo-outcome.js';
import { DEFAULT_POLICY } from '../../../core/gates/slo/types.js';
import { GATE_TITLES, HEADLINE_LIMIT, renderGateOutcome } from '../../../core/render/render-gate-outcome.js';
import type { GateOutcome } from '../../../core/result/gate-outcome.js';
import { escapeMarkdown } from '../../../core/util/escape-markdown.js';

const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

describe('renderGateOutcome', () => {
  it('frames every gate alike: heading with the verdict and the headline, the sections a blank line apart, the footer in italics last', () => {
    const markdown = renderGateOutcome({ gate: 'k6', verdict: 'fail', headline: '1 of 2 k6 thresholds failed', sections: ['| a |\n| - |', '', '**Checks**: 3 passed.\n'], footer: 'Source: `s.json`.' });
    expect(markdown).toBe('### ❌ k6: 1 of 2 k6 thresholds failed\n\n| a |\n| - |\n\n**Checks**: 3 passed.\n\n_Source: `s.json`._\n');
    expect(renderGateOutcome({ gate: 'sbom-diff', verdict: 'pass', headline: 'No dependency policy violations.', sections: [], footer: 'SBOMs.' })).toBe('### ✅ SBOM diff: No dependency policy violations.\n\n_SBOMs._\n');
  });

  it('escapes the headline: untrusted text cannot add HTML, a mention or a second line to the heading', () => {
    const markdown = renderGateOutcome({ gate: 'schema-diff', verdict: 'pass', headline: 'accepted by <b>x</b> applied by @octo\n# not a heading', sections: [], footer: 'Schemas.' });
    expect(markdown.split('\n')[0]).toBe('### ✅ Schema diff: accepted by \\<b\\>x\\</b\\> applied by @\u200Bocto \\#\u200B not a heading');
  });
});

describe('the Markdown of the six gates', () => {
  const outcomes: GateOutcome<unknown>[] = [
    buildA11yOutcome({ engine: { name: 'axe-core', version: '4.10.0' }, tags: ['wcag2a'], counts: { critical: 0, serious: 0, moderate: 0, minor: 0 }, pages: [{ url: 'https://shop.example/', counts: { critical: 0, serious: 0, moderate: 0, minor: 0 } }], violations: [] }, { critical: 0 }, context),
    buildK6Outcome({ source: { format: 'summary-export', file: 's.json' }, metrics: {}, thresholds: [] }, context),
    buildSloOutcome({ source: { type: 'precomputed', at: '2026-11-20T12:00:00.000Z' }, policy: DEFAULT_POLICY, slos: [] }, context),
    evaluateSchemaDiff({ old: { source: 'a.graphql' }, new: { source: 'b.graphql' }, diff: { changes: [], deprecations: [] }, labels: [], approvalLabel: 'x' }, context),
    evaluateSbomDiff({ format: 'spdx-2.3', file: 'a.json', components: new Map(), withoutPurl: 0 }, { format: 'spdx-2.3', file: 'b.json', components: new Map(), withoutPurl: 0 }, { deniedLicenses: [], deniedPackages: [], copyleft: 'strong' }, context),
    concludeAttestations([], {}, { mode: 'none', paths: [] }, context),
  ];

  it.each(outcomes.map((o) => [o.gate, o] as const))('%s: one heading with the verdict and the headline, one italic footer line last', (_gate, outcome) => {
    const lines = outcome.markdown.split('\n');
    expect(lines[0]).toBe(`### ${outcome.verdict === 'pass' ? '✅' : '❌'} ${GATE_TITLES[outcome.gate]}: ${escapeMarkdown(outcome.headline, HEADLINE_LIMIT)}`);
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toMatch(/^_\S.*\S_$/);
    expect(lines.at(-3)).toBe('');
    expect(outcome.markdown).not.toMatch(/\n\n\n/);
  });

  it('covers every gate', () => {
    expect(outcomes.map((o) => o.gate).sort()).toEqual(Object.keys(GATE_TITLES).sort());
  });
});
