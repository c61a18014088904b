import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { run, type K6RunInputs } from '../../../actions/k6/run.js';
import { findK6, runK6 } from '../../../adapters/k6/run-k6.js';
import { fakeGateIo } from '../../helpers/fake-gate-io.js';

const fixture = resolve(import.meta.dirname, '../../fixtures/k6/handle-summary.json');

/** A folder with an executable named k6 that behaves as k6 run does: writes --summary-export, exits with `code`. */
function k6OnPath(code: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'k6-bin-'));
  const script = `#!/bin/sh\n[ "$1" = run ] && [ "$2" = --summary-export ] || exit 64\necho "$@" > "${dir}/args"\ncp "${fixture}" "$3"\nexit ${code}\n`;
  writeFileSync(join(dir, 'k6'), script);
  chmodSync(join(dir, 'k6'), 0o755);
  return dir;
}

function inputs(overrides: Partial<K6RunInputs>): K6RunInputs {
  return { k6Args: [], thresholds: [], catalogThresholds: true, subject: { repo: 'acme/shop', sha: 'a'.repeat(40) }, settings: { outputDir: mkdtempSync(join(tmpdir(), 'k6-out-')), upload: false }, env: {}, ...overrides };
}

describe('the k6 action', () => {
  describe('when a script is given and k6 is on PATH', () => {
    it.each([[0], [99]])('runs k6 (exit %d) and evaluates the summary it exported', async (code) => {
      const bin = k6OnPath(code);
      const io = fakeGateIo();
      const outcome = await run(inputs({ script: 'load.js', k6Args: ['--vus', '5'] }), io, { find: () => findK6(bin), run: runK6 });
      expect(outcome?.report.data.source.file).toMatch(/k6-summary-export\.json$/);
      expect(io.outputs.conclusion).toBe('fail');
      expect(io.failed).toEqual(['1 of 6 k6 thresholds failed']);
    });

    it('fails with K6_RUN_FAILED when k6 ends without a complete run', async () => {
      const io = fakeGateIo();
      await run(inputs({ script: 'load.js' }), io, { find: () => findK6(k6OnPath(107)), run: runK6 });
      expect(io.failed[0]).toMatch(/^error K6_RUN_FAILED: k6 run load\.js ended with exit code 107 before a complete summary/);
    });
  });

  it('refuses a script when no k6 is on PATH, saying how to install it', async () => {
    const io = fakeGateIo();
    await run(inputs({ script: 'load.js' }), io, { find: () => findK6('/nonexistent'), run: runK6 });
    expect(io.failed[0]).toContain('error USAGE: script is set to load.js, but there is no k6 on PATH to run it\n  remedy: install k6 in an earlier step (such as grafana/setup-k6-action)');
  });

  it('refuses to run without a summary or a script', async () => {
    const io = fakeGateIo();
    await run(inputs({}), io);
    expect(io.failed[0]).toMatch(/^error USAGE: neither summary nor script is set/);
  });
});
