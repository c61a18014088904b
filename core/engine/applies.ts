import { matchesGlob } from './glob-matcher.js';
import type { AppliesRule } from '../controls/types.js';
import type { PullRequestFacts } from '../pr/types.js';

/** Whether a control applies to a PR, with the reasons in words. */
export interface Applicability {
  applicable: boolean;
  reasons: string[];
}

/**
 * Decides whether an applies-rule matches a PR: always, any label (case-insensitive), or any
 * changed file matching any glob. Unknown changed files count as a match for path rules, so
 * missing information can only add controls, never remove one.
 */
export function evaluateApplicability(rule: AppliesRule, pr: PullRequestFacts): Applicability {
  if (rule.always) return { applicable: true, reasons: ['the control covers every pull request'] };
  const reasons: string[] = [];
  const wanted = new Set((rule.labels ?? []).map((l) => l.toLowerCase()));
  const matchedLabels = pr.labels.filter((l) => wanted.has(l.toLowerCase()));
  if (matchedLabels.length > 0) reasons.push(`${matchedLabels.length === 1 ? 'label' : 'labels'} ${matchedLabels.map((l) => `"${l}"`).join(', ')} ${matchedLabels.length === 1 ? 'is' : 'are'} set`);
  const globs = rule.paths ?? [];
  if (globs.length > 0) {
    if (pr.changedFiles === undefined) {
      reasons.push('the changed files are unknown, so its path rules are assumed to match');
    } else {
      const match = firstPathMatch(globs, pr.changedFiles);
      if (match) {
        const more = match.count > 1 ? ` (and ${match.count - 1} more changed ${match.count === 2 ? 'file' : 'files'})` : '';
        reasons.push(`changed file ${match.file} matches ${match.glob}${more}`);
      }
    }
  }
  if (reasons.length > 0) return { applicable: true, reasons };
  return { applicable: false, reasons: [notApplicableReason(rule)] };
}

function firstPathMatch(globs: string[], files: string[]): { file: string; glob: string; count: number } | undefined {
  let first: { file: string; glob: string } | undefined;
  let count = 0;
  for (const file of files) {
    const glob = globs.find((g) => matchesGlob(g, file));
    if (!glob) continue;
    count++;
    first ??= { file, glob };
  }
  return first ? { ...first, count } : undefined;
}

function notApplicableReason(rule: AppliesRule): string {
  const parts: string[] = [];
  if (rule.labels?.length) parts.push(`no label among ${rule.labels.join(', ')}`);
  if (rule.paths?.length) parts.push(`no changed file matches ${rule.paths.join(', ')}`);
  return parts.length > 0 ? parts.join(' and ') : 'its rule names no label or path';
}
