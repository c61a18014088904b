import type { MergedPull, Score, Scoreboard } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The share of pull requests merged in the last `days` days (up to `now`) whose gate passed
 * without override, per repository and rolled up. A waiver is part of passing (it is visible in
 * `passedWithWaivers`); an override, a failing gate and a missing gate result are not.
 */
export function computeScoreboard(pulls: MergedPull[], options: { now: string; days: number; orgLabel?: string }): Scoreboard {
  const to = Date.parse(options.now);
  const from = to - options.days * DAY_MS;
  const inWindow = pulls.filter((p) => {
    const at = Date.parse(p.mergedAt);
    return at > from && at <= to;
  });
  const byRepo = new Map<string, MergedPull[]>();
  for (const pull of dedupe(inWindow)) byRepo.set(pull.repo, [...(byRepo.get(pull.repo) ?? []), pull]);
  const repos = [...byRepo.entries()].map(([repo, list]) => score(repo, list));
  repos.sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0));
  return {
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days: options.days },
    org: score(options.orgLabel ?? 'all repositories', [...byRepo.values()].flat()),
    repos,
  };
}

/** The same pull request listed twice (a collector that retried) counts once: the last entry wins. */
function dedupe(pulls: MergedPull[]): MergedPull[] {
  return [...new Map(pulls.map((p) => [`${p.repo.toLowerCase()}#${p.number}`, p])).values()];
}

function score(repo: string, pulls: MergedPull[]): Score {
  const s: Score = { repo, merged: pulls.length, passed: 0, passedWithWaivers: 0, overridden: 0, failed: 0, missing: 0, share: null };
  for (const { gate } of pulls) {
    if (gate?.overridden) s.overridden++;
    else if (gate === null) s.missing++;
    else if (gate.conclusion === 'success' || gate.conclusion === 'neutral') {
      s.passed++;
      if ((gate.waived ?? []).length > 0) s.passedWithWaivers++;
    } else s.failed++;
  }
  s.share = s.merged === 0 ? null : s.passed / s.merged;
  return s;
}
