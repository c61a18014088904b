import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { colorEnabled, resolveOutputFormat } from '../../cli/output-format.js';
import { runMain } from '../helpers/run-main.js';

const HEAD = 'a'.repeat(40);

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the output format of the gate commands', () => {
  it.each([
    [undefined, true, 'text'],
    [undefined, false, 'markdown'],
    ['markdown', true, 'markdown'],
    ['text', false, 'text'],
    ['json', true, 'json'],
  ] as const)('--format %s with stdout a terminal: %s gives %s', (requested, terminal, format) => {
    expect(resolveOutputFormat(requested, terminal)).toBe(format);
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ TERM: 'dumb' }, true, false],
  ] as const)('colours the text view with %j and a terminal %s: %s', (env, terminal, colour) => {
    expect(colorEnabled(env, terminal)).toBe(colour);
  });
});

describe('maestro gate --format text', () => {
  const failing = ['gate', '--event', 'examples/pr-failing/event.json', '--evidence', 'examples/pr-failing/evidence', '--changed-files', 'examples/pr-failing/changed-files.txt', '--config', 'examples/maestro.yml', '--waivers', 'examples/pr-failing/waivers.json', '--now', '2026-11-20T12:00:00Z'];

  it('prints plain text (no escapes, no zero-width characters) with the command that reproduces the decision', async () => {
    const { code, stdout } = await runMain([...failing, '--format', 'text'], { NO_COLOR: '1' });
    expect(code).toBe(1);
    expect(stdout).toContain('Codertocat/Hello-World#3 Serving: batch cart pricing <script>alert(1)</script> | cc @Codertocat/admins');
    expect(stdout).toContain(`$ maestro gate ${failing.slice(1).join(' ')}`);
    // eslint-disable-next-line no-control-regex -- no colour with NO_COLOR
    expect(stdout).not.toMatch(/\\[*_#<>|.]|[\u200B\u2060\uFEFF]|\u001B/);
  });

  it('colours it when FORCE_COLOR says so, even through a pipe', async () => {
    const { stdout } = await runMain([...failing, '--format', 'text'], { FORCE_COLOR: '1' });
    // eslint-disable-next-line no-control-regex -- the colour codes
    expect(stdout).toMatch(/\u001B\[31m✗ failed\u001B\[0m/);
  });

  it('keeps the Markdown gate notes with --format markdown, and the JSON result (with its next steps) with --format json', async () => {
    expect((await runMain([...failing, '--format', 'markdown'])).stdout).toMatch(/^### ❌ failed: Enforce GA Gates Evidence\n\n🟨🟥/);
    const json = JSON.parse((await runMain([...failing, '--format', 'json'])).stdout);
    expect(json.controls.find((c: { controlId: string }) => c.controlId === 'GA-30').nextSteps[0]).toEqual({ kind: 'fix-drift', title: 'run maestro drift --fix', text: expect.any(String), command: 'maestro drift --template <template> --repo .github/workflows --fix' });
  });
});

describe('maestro slo with Prometheus down', () => {
  it('says that Prometheus is unreachable once, with how many readings failed, in text and Markdown', async () => {
    const port = await closedPort();
    const args = ['slo', '--prometheus', `http://127.0.0.1:${port}`, '--slo', 'test/fixtures/slo/slos.yml', '--repo', 'acme/web', '--sha', HEAD, '--at', '2026-11-20T12:00:00Z'];
    const text = await runMain([...args, '--format', 'text'], { NO_COLOR: '1' });
    expect(text.code).toBe(1);
    const unreachable = text.stdout.split('\n').filter((line) => line.includes('is unreachable'));
    expect(unreachable).toEqual([`- Prometheus at http://127.0.0.1:${port} is unreachable (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}) (×20)`]);
    const markdown = await runMain([...args, '--format', 'markdown']);
    expect(markdown.stdout.match(/is unreachable/g)).toHaveLength(1);
    expect(markdown.stdout).toContain('(×20)');
  });
});
