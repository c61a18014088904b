import type { ConfigResult, GateMode } from '../config/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import { reportOnlyHeadline } from '../result/report-only-words.js';
import { FAILING } from './conclude.js';
import type { GateModeUse, GateResult } from './types.js';

/** The mode a pull request's own version of the config file sets, read by the app when the pull request changes that file. */
export interface ProposedMode {
  mode: GateMode;
  /** The file, as it reads in a sentence: `.github/maestro.yml at 1a2b3c4`. */
  source: string;
}

/** The mode that applies to a pull request, and the mode changes shown but not applied. */
export type DecidedMode = Omit<GateModeUse, 'wouldBe' | 'wouldFail'>;

/**
 * The mode that applies to this pull request. A pull request cannot relax the gate that judges it:
 * when the config was read from the pull request's own files (the CLI and the action read the
 * checked-out head) and the pull request changes that file, its `report-only` is not applied to it
 * (it applies to other pull requests once merged), and a note says so. The app reads the default
 * branch's config, so a pull request's change never applies to it; the app passes the mode the
 * pull request's version sets as `proposed`, shown when it differs.
 */
export function decideMode(config: ConfigResult, pr: PullRequestFacts, proposed?: ProposedMode): DecidedMode {
  if (!config.ok) return { mode: 'enforce', notes: [] };
  const mode = config.config.mode ?? 'enforce';
  const source = config.modeSource ?? config.source;
  const notes: string[] = [];
  if (proposed && proposed.mode !== mode) {
    notes.push(proposed.mode === 'report-only'
      ? `This pull request sets mode: report-only in ${proposed.source}: once merged, the gate of this repository only reports and no longer blocks merging. The change does not apply to this pull request.`
      : `This pull request sets mode: enforce in ${proposed.source}: once merged, the gate blocks pull requests whose blocking controls are not met. The change does not apply to this pull request.`);
  }
  if (mode === 'report-only' && config.modeSource === undefined && changesFile(pr, config.source)) {
    notes.push(`mode: report-only in ${config.source} is not applied to this pull request, which changes that file: a pull request cannot relax the gate that judges it. It applies to other pull requests once this one is merged.`);
    return { mode: 'enforce', notes };
  }
  return mode === 'report-only' || config.config.mode ? { mode, source, notes } : { mode, notes };
}

/**
 * The result in its mode. `enforce` changes nothing. `report-only` turns a `failure` into
 * `neutral`, with the headline `report-only: this pull request would fail N controls`, keeps
 * `success` and `neutral` with a headline that still says report-only, and records what the gate
 * would conclude in `enforce` mode. A config or catalog problem (`action_required`) is never
 * softened: it is Maestro's own configuration that is broken, not the pull request.
 */
export function applyMode(result: GateResult, decided: DecidedMode): GateResult {
  if (decided.mode === 'enforce' || result.conclusion === 'action_required') return { ...result, mode: decided };
  const wouldFail = result.controls.filter((c) => c.blocking && FAILING.has(c.result)).map((c) => c.controlId);
  const headline = reportOnlyHeadline({ wouldBe: result.conclusion, wouldFail, rejected: result.evidence.rejected.map((r) => r.ref.path), enforceHeadline: result.headline });
  return {
    ...result,
    conclusion: result.conclusion === 'failure' ? 'neutral' : result.conclusion,
    headline,
    mode: { ...decided, wouldBe: result.conclusion, wouldFail },
  };
}

/** Whether the pull request changes the file at `path` (known only when its changed files are). */
function changesFile(pr: PullRequestFacts, path: string): boolean {
  const normalized = path.replace(/^\.\//, '');
  return pr.changedFiles?.includes(normalized) ?? false;
}
