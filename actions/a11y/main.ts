/** Entry point of the accessibility gate action: reads the inputs and hands the runner I/O to `run`. */
import { existsSync } from 'node:fs';
import { MaestroError } from '../../core/errors.js';
import { createRunnerIo } from '../lib/create-runner-io.js';
import { listInput, optionalInput, readGateInputs } from '../lib/read-gate-inputs.js';
import { failStep } from '../lib/run-gate-action.js';

const io = createRunnerIo();
try {
  const { settings, subject } = readGateInputs('a11y');
  const results = optionalInput('results');
  const urls = listInput('urls');
  if ((results === undefined) === (urls.length === 0)) {
    throw new MaestroError('USAGE', results ? 'the results and urls inputs cannot both be set' : 'the results and urls inputs are both empty', { remedy: 'set results to the JSON of axe.run() results written by your end-to-end tests or @axe-core/cli, or urls to the pages to scan (one per line).' });
  }
  const config = optionalInput('config') ?? '.github/maestro.yml';
  const shared = {
    baseline: optionalInput('baseline'),
    max: { critical: optionalInput('max-critical'), serious: optionalInput('max-serious'), moderate: optionalInput('max-moderate'), minor: optionalInput('max-minor') },
    catalog: optionalInput('catalog'),
    config: config === '.github/maestro.yml' && !existsSync(config) ? undefined : config,
  };
  const inputs = {
    ...(results
      ? { files: { results, ...shared } }
      : {
          browser: {
            ...shared,
            scan: { urls, allowHosts: listInput('allow-hosts'), headers: listInput('headers'), cookies: listInput('cookies'), waitUntil: optionalInput('wait-until'), pageTimeout: optionalInput('page-timeout') },
            browserPath: optionalInput('browser-path'),
            tags: listInput('tags'),
            waitForSelector: optionalInput('wait-for'),
            loginScript: optionalInput('login-script'),
          },
        }),
    subject,
    settings,
    env: process.env,
  };
  // The gate's code (and, to scan, playwright-core) loads only once the inputs are read.
  const { run } = await import('./run.js');
  await run(inputs, io);
} catch (error) {
  failStep(error, io);
}
