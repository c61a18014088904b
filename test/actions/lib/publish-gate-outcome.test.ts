import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { capAnnotations, limitSummary, MAX_SUMMARY_CHARS } from '../../../actions/lib/publish-gate-outcome.js';
import { runGateAction } from '../../../actions/lib/run-gate-action.js';
import { buildReport } from '../../../core/evidence/build-report.js';
import { MaestroError } from '../../../core/errors.js';
import type { GateAnnotation, GateOutcome, GateVerdict } from '../../../core/result/gate-outcome.js';
import { fakeGateIo } from '../../helpers/fake-gate-io.js';

const context = { subject: { repo: 'acme/shop', sha: 'a'.repeat(40), pr: 7 }, producer: { name: 'maestro-action', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

function outcome(verdict: GateVerdict, data: Record<string, unknown> = { source: { format: 'summary-export' }, metrics: {}, thresholds: [] }): GateOutcome<Record<string, unknown>> {
  return {
    gate: 'k6',
    report: buildReport('k6-summary', data, context),
    verdict,
    headline: verdict === 'pass' ? 'all 3 k6 thresholds held' : '1 of 3 k6 thresholds failed',
    markdown: '### k6\n',
    annotations: [{ level: 'error', message: 'p(95)<350 failed', file: 'k6/load.js', startLine: 3 }],
    outputs: { 'failed-thresholds': '1' },
  };
}

describe('runGateAction', () => {
  it('writes the report, the summary, the annotations and the outputs, and uploads the artifact', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gate-')), 'out');
    const io = fakeGateIo();
    await runGateAction(async () => outcome('pass'), { outputDir: dir, upload: true, retentionDays: 5 }, io);
    const reportPath = join(dir, 'k6-summary.json');
    expect(JSON.parse(readFileSync(reportPath, 'utf8'))).toMatchObject({ kind: 'k6-summary', subject: { pr: 7 } });
    expect(readdirSync(dir)).toEqual(['k6-summary.json']);
    expect(io.summary).toEqual(['### k6\n']);
    expect(io.annotations).toEqual([{ level: 'error', message: 'p(95)<350 failed', file: 'k6/load.js', startLine: 3 }]);
    expect(io.outputs).toEqual({ conclusion: 'pass', 'report-path': reportPath, 'failed-thresholds': '1', 'artifact-name': 'maestro-evidence-k6', 'artifact-id': '4242' });
    expect(io.uploads).toEqual([{ name: 'maestro-evidence-k6', files: [reportPath], rootDirectory: dir, retentionDays: 5 }]);
    expect(io.failed).toEqual([]);
  });

  it('fails the step with the headline when the gate failed, after publishing everything', async () => {
    const io = fakeGateIo();
    await runGateAction(async () => outcome('fail'), { outputDir: mkdtempSync(join(tmpdir(), 'gate-')), upload: false }, io);
    expect(io.failed).toEqual(['1 of 3 k6 thresholds failed']);
    expect(io.outputs.conclusion).toBe('fail');
    expect(io.uploads).toEqual([]);
  });

  it('fails with the error code and remedy on bad input, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    const io = fakeGateIo();
    await runGateAction(async () => {
      throw new MaestroError('JSON_SYNTAX', 'k6 summary s.json is not valid JSON', { remedy: 'fix it.' });
    }, { outputDir: dir, upload: true }, io);
    expect(io.failed).toEqual(['error JSON_SYNTAX: k6 summary s.json is not valid JSON\n  remedy: fix it.']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a report that its schema rejects, naming the field, before writing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    const io = fakeGateIo();
    await runGateAction(async () => outcome('pass', { source: { format: 'summary-export' }, metrics: { 'bad<name>': { values: {} } }, thresholds: [] }), { outputDir: dir, upload: true }, io);
    expect(io.failed[0]).toMatch(/^error SCHEMA_INVALID: the k6-summary report made from the k6 gate's input would not be valid evidence: \/data\/metrics/);
    expect(existsSync(join(dir, 'k6-summary.json'))).toBe(false);
  });

  it('keeps the report on disk and fails with ARTIFACT_UPLOAD_FAILED when the upload fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    const io = fakeGateIo(new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable'));
    await runGateAction(async () => outcome('pass'), { outputDir: dir, upload: true }, io);
    expect(io.failed[0]).toContain('error ARTIFACT_UPLOAD_FAILED: the k6 report could not be uploaded as the artifact maestro-evidence-k6: Unable to get the ACTIONS_RUNTIME_TOKEN env variable');
    expect(existsSync(join(dir, 'k6-summary.json'))).toBe(true);
  });
});

describe('capAnnotations', () => {
  const many = (level: GateAnnotation['level'], n: number): GateAnnotation[] => Array.from({ length: n }, (_, i) => ({ level, message: `${level} ${i}` }));

  it('keeps up to 10 per level as they are', () => {
    expect(capAnnotations([...many('error', 10), ...many('warning', 2)])).toHaveLength(12);
  });

  it('shows 9 of a level beyond 10 and says how many more there are', () => {
    const capped = capAnnotations([...many('warning', 25), ...many('error', 1)]);
    expect(capped.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(capped.at(-1)).toEqual({ level: 'warning', message: '16 more warnings of this gate are in the job summary and the report.' });
  });
});

describe('limitSummary', () => {
  it('cuts a summary over the runner limit at a line and points to the report', () => {
    const long = 'row\n'.repeat(MAX_SUMMARY_CHARS / 2);
    const cut = limitSummary(long, '/tmp/r.json');
    expect(cut.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(cut).toMatch(/row\n\n_The summary is cut here to fit the job summary limit; the full result is in \/tmp\/r\.json\._\n$/);
  });
});
