import { MaestroError } from '../../core/errors.js';
import { VERSION } from '../../core/generated/version.js';
import { runWormDrill } from '../../core/io/run-worm-drill.js';
import { openStore } from '../../core/io/store/open-store.js';
import { printOut, writeFileAtomic } from '../../core/io/write-output.js';

/** Options of `maestro drill worm`. */
export interface WormDrillOptions {
  store: string;
  out?: string;
  repo?: string;
  commit?: string;
  probeRetention: string;
}

/** `maestro drill worm`: prove the store refuses deletion, overwrite and shorter retention; write a drill-report. */
export async function wormDrillCommand(options: WormDrillOptions): Promise<number> {
  const repo = options.repo ?? process.env.GITHUB_REPOSITORY;
  const sha = options.commit ?? process.env.GITHUB_SHA;
  if (!repo || !sha || !/^[0-9a-f]{40}$/.test(sha)) throw new MaestroError('USAGE', 'the drill report needs the repository and commit it is evidence for', { remedy: 'pass --repo <owner/name> and --commit <sha> (in GitHub Actions GITHUB_REPOSITORY and GITHUB_SHA are used).' });
  const seconds = Number(options.probeRetention);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400 * 3650) throw new MaestroError('USAGE', `--probe-retention '${options.probeRetention}' is not a whole number of seconds`, { remedy: 'the probe object is locked this long (default 86400, one day); pass 1 or more.' });
  const runUrl = process.env.GITHUB_SERVER_URL?.startsWith('https://') && process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
  const report = await runWormDrill({ store: await openStore(options.store), subject: { repo, sha }, producer: { name: 'maestro drill worm', version: VERSION, ...(runUrl ? { runUrl } : {}) }, probeRetentionSeconds: seconds });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (options.out) await writeFileAtomic(options.out, text);
  const data = report.data as { status: string; steps: Array<{ name: string; result: string; detail: string; response?: string }> };
  const lines = data.steps.map((s) => `${s.result.toUpperCase().padEnd(5)} ${s.name}: ${s.detail}${s.response ? `\n        answer: ${s.response}` : ''}`);
  lines.push(`WORM drill ${data.status === 'pass' ? 'passed' : 'FAILED'}${options.out ? `; report written to ${options.out}` : ''}`);
  await printOut(`${lines.join('\n')}\n`);
  return data.status === 'pass' ? 0 : 1;
}
