import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Catalog } from '../../core/controls/types.js';
import { defaultCatalog } from '../../core/generated/catalog.js';
import { a11yGateFromFiles } from '../../flows/a11y-gate-from-files.js';
import { k6GateFromFiles } from '../../flows/k6-gate-from-files.js';
import { memoryInputFiles } from '../helpers/memory-input-files.js';

const root = resolve(import.meta.dirname, '../..');
const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const loadCatalog = async (): Promise<Catalog> => defaultCatalog;
const axe = readFileSync(join(root, 'test/fixtures/a11y/axe-results.json'), 'utf8');
const summary = readFileSync(join(root, 'test/fixtures/k6/summary-export.json'), 'utf8');

describe('the gate actions refuse a repo config that loosens a bound past the catalog\'s limit, as the check does', () => {
  it.each([
    ['a11y', 'thresholds:\n  a11y:\n    maxCritical: 1000000\n', 'config file maestro.yml is not valid: thresholds.a11y.maxCritical (line 3): 1000000 would raise the bound of GA-25 (counts.critical ≤ 0)'],
    ['k6', 'thresholds:\n  k6-summary:\n    p95Ms: 5000\n', "config file maestro.yml is not valid: thresholds.k6-summary.p95Ms (line 3): 5000 would raise the bound of GA-07 (metrics.http_req_duration.values.p(95) < 350), past the catalog's limit: a repo may set p95Ms to at most 500"],
  ])('%s', async (gate, config, message) => {
    const files = memoryInputFiles({ 'axe.json': axe, 'summary.json': summary, 'maestro.yml': config });
    const run = gate === 'a11y'
      ? a11yGateFromFiles({ results: 'axe.json', max: {}, config: 'maestro.yml' }, context, { files, loadCatalog })
      : k6GateFromFiles({ summary: 'summary.json', thresholds: [], catalogThresholds: true, config: 'maestro.yml' }, context, { files, loadCatalog });
    await expect(run).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(message) });
  });

  it('accepts a loosened bound within the limit', async () => {
    const files = memoryInputFiles({ 'axe.json': axe, 'maestro.yml': 'thresholds:\n  a11y:\n    maxMinor: 20\n' });
    await expect(a11yGateFromFiles({ results: 'axe.json', max: {}, config: 'maestro.yml' }, context, { files, loadCatalog })).resolves.toMatchObject({ gate: 'a11y' });
  });
});
