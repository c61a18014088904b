import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { evaluateK6 } from '../../../../core/gates/k6/evaluate-k6.js';
import { k6CatalogThresholds } from '../../../../core/gates/k6/k6-catalog-thresholds.js';
import { parseK6Summary } from '../../../../core/gates/k6/parse-k6-summary.js';
import { defaultCatalog } from '../../../../core/generated/catalog.js';
import { realworld } from '../../../helpers/shared-dir.js';

// Summaries of public k6 projects (read in place; see ../shared/realworld/k6/sources.tsv).
const dir = realworld.path('k6');
const files = !realworld.dir ? [] : readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const catalog = k6CatalogThresholds(defaultCatalog);

realworld.describe('the k6 gate on real summaries of public projects', () => {
  it('finds the summaries', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('reads %s and decides every catalog threshold, failing closed on absent statistics', (file) => {
    const summary = parseK6Summary(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
    const data = evaluateK6({ summary, file, thresholds: catalog });
    const ours = data.thresholds.filter((t) => t.source !== 'k6');
    expect(ours.map((t) => t.expression)).toEqual(expect.arrayContaining(['p(95)<350', 'p(99)<900', 'rate<0.01']));
    for (const threshold of ours) {
      // A statistic the summary lacks is never a pass.
      if (threshold.value === null || threshold.value === undefined) expect(threshold.ok).toBe(false);
      else expect(typeof threshold.value).toBe('number');
    }
  });

  it("fails p(99) closed where k6's default summary statistics leave it out", () => {
    const absent = files.filter((file) => {
      const data = evaluateK6({ summary: parseK6Summary(JSON.parse(readFileSync(join(dir, file), 'utf8')), file), file, thresholds: catalog });
      const p99 = data.thresholds.find((t) => t.source !== 'k6' && t.expression === 'p(99)<900');
      return p99 !== undefined && (p99.value === null || p99.value === undefined) && p99.ok === false;
    });
    expect(absent.length).toBeGreaterThan(0);
  });
});
