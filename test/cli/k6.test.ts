import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { runMaestro } from '../helpers/run-gate-command.js';

const fixtures = 'test/fixtures/k6';
const subject = ['--repo', 'acme/shop', '--sha', 'a'.repeat(40)];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'maestro-k6-'));

describe('maestro k6', () => {
  it('prints a valid k6-summary report with --format json and exits 1 when k6 marked thresholds failed', () => {
    const out = join(tmp(), 'k6.json');
    const { code, stdout } = runMaestro(['k6', '--summary', `${fixtures}/summary-export.json`, ...subject, '--format', 'json', '--out', out]);
    expect(code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
    const item = parseEvidence(Buffer.from(stdout), 'k6.json');
    expect(item.status).toBe('valid');
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'k6-summary', subject: { repo: 'acme/shop' }, producer: { name: 'maestro-cli' }, data: { source: { format: 'summary-export' } } });
  });

  it('exits 0 and prints the Markdown table when every threshold holds', () => {
    const { code, stdout } = runMaestro(['k6', '--summary', `${fixtures}/handle-summary.json`, ...subject, '--threshold', 'http_req_duration{scenario:browse}:p(95)<300', '--no-catalog-thresholds', '--threshold', 'http_reqs:count>0']);
    expect(stdout).toContain('| `http_req_duration{scenario:browse}` | `p(95)<300`');
    expect(stdout).toContain('❌ not evaluable');
    expect(code).toBe(1);
  });

  it('fails on a p(95) regression against the baseline beyond the allowed percentage', () => {
    const args = ['k6', '--summary', `${fixtures}/summary-export.json`, ...subject, '--baseline', `${fixtures}/baseline.json`, '--no-catalog-thresholds', '--format', 'json'];
    const strict = JSON.parse(runMaestro(args).stdout);
    expect(strict.data.baseline).toMatchObject({ p95DeltaPct: 20.95, maxDeltaPct: 10, ok: false });
    const lenient = JSON.parse(runMaestro([...args, '--max-p95-regression', '25']).stdout);
    expect(lenient.data.baseline.ok).toBe(true);
  });

  it("uses the repo config's thresholds.k6-summary instead of the catalog's parameters", () => {
    const config = join(tmp(), 'maestro.yml');
    writeFileSync(config, 'version: 1\nthresholds:\n  k6-summary:\n    p95Ms: 200\n');
    const report = JSON.parse(runMaestro(['k6', '--summary', `${fixtures}/summary-export.json`, ...subject, '--config', config, '--format', 'json']).stdout);
    expect(report.data.thresholds.find((t: { source: string; expression: string }) => t.source === 'catalog' && t.expression.startsWith('p(95)'))).toMatchObject({ expression: 'p(95)<200', value: 241.9, ok: false });
    writeFileSync(config, 'version: 1\nthresholds: 3\n');
    const bad = runMaestro(['k6', '--summary', `${fixtures}/summary-export.json`, ...subject, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error CONFIG_INVALID: config file .*maestro\.yml is not valid: thresholds \(line 2\)/);
  });

  it('takes the subject from the GitHub Actions environment', () => {
    const { stdout } = runMaestro(['k6', '--summary', `${fixtures}/handle-summary.json`, '--format', 'json'], { GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'c'.repeat(40) });
    expect(JSON.parse(stdout).subject).toEqual({ repo: 'acme/api', sha: 'c'.repeat(40) });
  });

  describe('given bad input, exits 2 with an error naming the file and writes nothing', () => {
    it.each([
      ['malformed JSON', '{"metrics": {', /^error JSON_SYNTAX: k6 summary .*summary\.json is not valid JSON: .* at line 1, column 14/],
      ['a JSON file that is not a k6 summary', '{"kind": "a11y"}', /^error SCHEMA_INVALID: k6 summary .*summary\.json has no metrics object, so it is not a k6 summary \(at \/metrics\)/],
      ['an empty file', '', /^error JSON_SYNTAX: k6 summary .*summary\.json is the file is empty/],
    ])('%s', (_name, content, message) => {
      const dir = tmp();
      writeFileSync(join(dir, 'summary.json'), content);
      const { code, stderr } = runMaestro(['k6', '--summary', join(dir, 'summary.json'), ...subject, '--out', join(dir, 'out.json')]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    });

    it('a summary of 100 MB, refused before it is read', () => {
      const file = join(tmp(), 'huge.json');
      writeFileSync(file, '');
      truncateSync(file, 100 * 1024 * 1024);
      const { code, stderr } = runMaestro(['k6', '--summary', file, ...subject]);
      expect(code).toBe(2);
      expect(stderr).toContain('error FILE_TOO_LARGE: k6 summary');
      expect(stderr).toContain('is 104857600 bytes, more than the limit of 33554432');
    });

    it.each([
      [['--threshold', 'p(95)<350'], /^error USAGE: threshold "p\(95\)<350" does not name a metric/],
      [['--max-p95-regression', 'ten'], /^error USAGE: max p\(95\) regression "ten" is not a percentage/],
      [['--sha', 'HEAD'], /^error USAGE: sha "HEAD" is not a full 40-character/],
    ])('usage error %j', (extra, message) => {
      const { code, stderr } = runMaestro(['k6', '--summary', `${fixtures}/handle-summary.json`, '--repo', 'acme/shop', '--sha', 'a'.repeat(40), ...extra]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    });

    it('a missing summary file', () => {
      const { code, stderr } = runMaestro(['k6', '--summary', 'nope.json', ...subject]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^error FILE_NOT_FOUND: k6 summary nope\.json does not exist/);
    });
  });
});
