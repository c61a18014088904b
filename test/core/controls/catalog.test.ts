import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assertionKey } from '../../../core/controls/build-catalog.js';
import { assertionValidators } from '../../../core/generated/assertions.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { readCatalogDir } from '../../../adapters/fs/read-catalog-dir.js';
import { A11Y_CONTROL, catalogOf } from '../../helpers/engine.js';

/** Priorities of the 30 GA gaps, as the GA plan ("Close All Maestro UI GA Gaps") sets them. */
const SEED_PRIORITIES: Record<string, string> = {
  'GA-01': 'P0', 'GA-02': 'P1', 'GA-03': 'P0', 'GA-04': 'P2', 'GA-05': 'P0', 'GA-06': 'P1', 'GA-07': 'P1', 'GA-08': 'P0', 'GA-09': 'P1', 'GA-10': 'P0',
  'GA-11': 'P0', 'GA-12': 'P0', 'GA-13': 'P1', 'GA-14': 'P1', 'GA-15': 'P1', 'GA-16': 'P0', 'GA-17': 'P0', 'GA-18': 'P1', 'GA-19': 'P0', 'GA-20': 'P1',
  'GA-21': 'P1', 'GA-22': 'P0', 'GA-23': 'P1', 'GA-24': 'P2', 'GA-25': 'P1', 'GA-26': 'P0', 'GA-27': 'P0', 'GA-28': 'P0', 'GA-29': 'P1', 'GA-30': 'P0',
};

describe('the shipped GA catalog', () => {
  it('has one control per GA gap with the plan\'s priority', () => {
    expect(Object.fromEntries(defaultCatalog.controls.map((c) => [c.id, c.priority]))).toEqual(SEED_PRIORITIES);
  });

  it('blocks on P0 and P1 controls and reports P2 ones', () => {
    for (const c of defaultCatalog.controls) expect([c.id, c.blocking]).toEqual([c.id, c.priority !== 'P2']);
  });

  it('maps every control to SOC 2, ISO 27001 and SSDF', () => {
    for (const c of defaultCatalog.controls) {
      expect(c.frameworks.soc2.length * c.frameworks.iso27001.length * c.frameworks.ssdf.length).toBeGreaterThan(0);
    }
  });

  it('has every assertion compiled ahead of time', () => {
    for (const c of defaultCatalog.controls) for (const r of c.evidence) if (r.assert) expect(assertionValidators[assertionKey(r.assert)]).toBeDefined();
  });

  it.each([
    ['GA-25', 'a11y', { maxCritical: 0, maxMinor: 4 }],
    ['GA-07', 'k6-summary', { p95Ms: 350, p99Ms: 900, failedRate: 0.01 }],
    ['GA-26', 'slo-burn', { blockAbove: 0.3 }],
    ['GA-13', 'schema-diff', { maxBreaking: 0 }],
  ])('%s carries the plan\'s thresholds for %s', (id, kind, params) => {
    const req = defaultCatalog.controls.find((c) => c.id === id)!.evidence.find((e) => e.kind === kind)!;
    expect(req.params).toEqual(params);
  });

  it('accepts manual link evidence wherever no gate action produces the evidence', () => {
    const produced = new Set(['schema-diff', 'attestation-verification', 'sbom-diff', 'a11y', 'k6-summary', 'slo-burn', 'policy-test', 'drill-report', 'drift-report', 'evidence-manifest']);
    for (const c of defaultCatalog.controls) for (const r of c.evidence) expect(produced.has(r.kind) || (r.kind === 'link' && r.link)).toBe(true);
  });
});

describe('buildCatalog', () => {
  it('refuses a duplicate control id, naming both files', () => {
    expect(() => catalogOf([A11Y_CONTROL, { ...A11Y_CONTROL, title: 'Copy' }])).toThrow(expect.objectContaining({ code: 'CATALOG_DUPLICATE_ID', message: 'control id T-01 is defined twice, in test-0.yml and in test-1.yml' }));
  });

  it('refuses an assertion that references an undeclared parameter', () => {
    const req = { ...A11Y_CONTROL.evidence[0]!, params: { maxCritical: 0 } };
    expect(() => catalogOf([{ ...A11Y_CONTROL, evidence: [req] }])).toThrow(/references \/params\/maxMinor, which params does not declare/);
  });

  it('collects schema problems of every file with their pointers', () => {
    const broken = { ...A11Y_CONTROL, id: 'bad id', priority: 'P9' };
    expect(() => catalogOf([broken as never, { ...A11Y_CONTROL, id: 'T-02', frameworks: { soc2: ['CC99.1'], iso27001: ['A.8.29'], ssdf: ['PW.8.2'] } }])).toThrow(
      expect.objectContaining({ code: 'CATALOG_INVALID', message: expect.stringMatching(/test-0\.yml at \/id: .*\n.*test-0\.yml at \/priority: .*\n.*test-1\.yml at \/frameworks\/soc2\/0/s) }),
    );
  });

  it('refuses months in maxAge, whose length depends on the calendar', () => {
    expect(() => catalogOf([{ ...A11Y_CONTROL, evidence: [{ ...A11Y_CONTROL.evidence[0]!, maxAge: 'P1M' }] }])).toThrow(/maxAge/);
  });
});

describe('readCatalogDir', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  const yaml = (id: string) => `id: ${id}\ntitle: Test control\npriority: P1\nblocking: true\ndescription: A control for tests.\nframeworks: {soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PW.8.2]}\napplies: {always: true}\nevidence:\n  - {kind: link, description: A link to the proof., scope: repo, maxAge: P7D, link: true}\n`;

  it('loads a folder of control files', async () => {
    const catalog = await readCatalogDir(dirWith({ 'a.yml': yaml('X-01'), 'b.yaml': yaml('X-02'), 'notes.txt': 'ignored' }));
    expect(catalog.controls.map((c) => c.id)).toEqual(['X-01', 'X-02']);
  });

  it('refuses a folder where two files define the same id', async () => {
    await expect(readCatalogDir(dirWith({ 'a.yml': yaml('X-01'), 'b.yml': yaml('X-01') }))).rejects.toMatchObject({ code: 'CATALOG_DUPLICATE_ID' });
  });

  it('names the file and line of a YAML syntax error', async () => {
    await expect(readCatalogDir(dirWith({ 'a.yml': 'id: [X-01\n' }))).rejects.toMatchObject({ code: 'CATALOG_INVALID', message: expect.stringMatching(/a\.yml line \d+: not valid YAML/) });
  });

  it('refuses an empty folder', async () => {
    await expect(readCatalogDir(dirWith({}))).rejects.toMatchObject({ code: 'CATALOG_INVALID' });
  });
});
