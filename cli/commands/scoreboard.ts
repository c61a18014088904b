import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { isEvaluationTime } from '../../core/io/evaluate-from-files.js';
import { readJsonFile } from '../../core/io/read-input-file.js';
import { printOut, writeFileAtomic } from '../../core/io/write-output.js';
import { renderScoreboard } from '../../core/render/render-scoreboard.js';
import { computeScoreboard } from '../../core/scoreboard/compute-scoreboard.js';
import { parseMergedPulls } from '../../core/scoreboard/parse-merged-pulls.js';
import { renderBadgeSvg } from '../../core/scoreboard/render-badge-svg.js';
import { toShieldsEndpoint } from '../../core/scoreboard/to-shields-endpoint.js';

/** Options of `maestro scoreboard`, as the command line gives them. */
export interface ScoreboardOptions {
  input: string;
  now?: string;
  days: string;
  format: 'markdown' | 'json';
  badges?: string;
  label: string;
  failUnder?: string;
}

/** Largest input read: 200,000 merged pull requests fit well within it. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * `maestro scoreboard`: the share of merged pull requests whose gate passed without override, per
 * repository and rolled up; optionally shields.io endpoint JSON and SVG badges. Exit 0, or 1 when
 * the roll-up is below --fail-under, 2 on bad input.
 */
export async function scoreboardCommand(options: ScoreboardOptions): Promise<number> {
  const now = options.now ?? new Date().toISOString();
  if (!isEvaluationTime(now)) throw new MaestroError('USAGE', `--now ${JSON.stringify(now)} is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new MaestroError('USAGE', `--days ${JSON.stringify(options.days)} is not a whole number of days from 1 to 3660`, { remedy: 'pass --days 30, for example.' });
  const failUnder = options.failUnder === undefined ? undefined : Number(options.failUnder);
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new MaestroError('USAGE', `--fail-under ${JSON.stringify(options.failUnder)} is not a percentage from 0 to 100`, { remedy: 'pass --fail-under 90, for example.' });
  const pulls = parseMergedPulls(await readJsonFile(options.input, 'merged pull requests', MAX_INPUT_BYTES), options.input);
  const board = computeScoreboard(pulls, { now, days });
  if (options.badges) {
    // Repository names were checked against GitHub's pattern (no "..", no "/"), so each path stays inside the folder.
    const targets = [{ path: join(options.badges, 'org'), score: board.org }, ...board.repos.map((s) => ({ path: join(options.badges!, ...s.repo.split('/')), score: s }))];
    for (const { path, score } of targets) {
      const endpoint = toShieldsEndpoint(score, options.label);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(`${path}.json`, `${JSON.stringify(endpoint, null, 2)}\n`);
      await writeFileAtomic(`${path}.svg`, renderBadgeSvg(endpoint));
    }
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(board, null, 2)}\n` : renderScoreboard(board));
  return failUnder !== undefined && (board.org.share ?? 0) * 100 < failUnder ? 1 : 0;
}
