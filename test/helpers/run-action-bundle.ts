import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** What a step running an action bundle left behind. */
export interface ActionRun {
  code: number | null;
  /** stdout and stderr together, as the job log shows them (workflow commands such as ::error:: included). */
  log: string;
  /** The step's outputs, parsed from the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  summary: string;
  /** The runner temp folder of the run. */
  runnerTemp: string;
}

/**
 * Runs a committed action bundle (`actions/dist/<name>.js`, the action's entry in the one shared build) as a runner runs a step: inputs as
 * INPUT_<NAME> variables (names upper-cased, dashes kept), outputs and summary as files. Asynchronous,
 * so loopback servers of the same test process (the artifact service stand-in) can answer it.
 */
export async function runActionBundle(name: string, inputs: Record<string, string>, env: Record<string, string> = {}, node = process.execPath, cwd = root): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const vars = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const child = spawn(node, [join(root, 'actions/dist', `${name}.js`)], {
    cwd,
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: dir, ...vars, ...env },
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, log, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8'), runnerTemp: dir };
}

/** Parses the `name<<delimiter ... delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}
