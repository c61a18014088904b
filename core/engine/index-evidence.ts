import type { EvidenceKind } from '../evidence/kinds.js';
import type { EvidenceItem, InvalidEvidence, ValidEvidence } from '../evidence/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import type { IgnoredEvidence } from './types.js';

/** Evidence sorted for decisions: by kind, newest first (ties broken by path, so order never depends on input order). */
export interface EvidenceIndex {
  valid: Map<EvidenceKind, ValidEvidence[]>;
  invalid: Map<EvidenceKind, InvalidEvidence[]>;
  /** Files that name no known kind or are not JSON: they cannot be matched to any requirement. */
  unattributable: InvalidEvidence[];
  ignored: IgnoredEvidence[];
}

/** Kinds that never count when they arrive as evidence files, and why. */
const UNTRUSTED_AS_FILES: Partial<Record<EvidenceKind, string>> = {
  waiver: 'waivers are accepted only from the waiver store (the app, or maestro gate --waivers), never from evidence files a PR can produce',
  link: 'manual links are read from the PR body and its approving reviews, not from evidence files',
  'decision-log': "a decision log is the gate's own output, not evidence for a control",
};

/** Sorts and files the evidence of one evaluation. */
export function indexEvidence(items: EvidenceItem[], pr: PullRequestFacts): EvidenceIndex {
  const index: EvidenceIndex = { valid: new Map(), invalid: new Map(), unattributable: [], ignored: [] };
  for (const item of items) {
    if (item.status === 'invalid') {
      if (item.kind === undefined) index.unattributable.push(item);
      else push(index.invalid, item.kind, item);
      continue;
    }
    const { kind, subject } = item.report;
    const untrusted = UNTRUSTED_AS_FILES[kind];
    if (untrusted) index.ignored.push({ ref: item.ref, reason: untrusted });
    else if (subject.repo !== pr.repo) index.ignored.push({ ref: item.ref, reason: `it is about ${subject.repo}, not ${pr.repo}` });
    else push(index.valid, kind, item);
  }
  for (const list of index.valid.values()) list.sort(newestFirst);
  for (const list of index.invalid.values()) list.sort((a, b) => compare(a.ref.path, b.ref.path));
  index.unattributable.sort((a, b) => compare(a.ref.path, b.ref.path));
  return index;
}

function newestFirst(a: ValidEvidence, b: ValidEvidence): number {
  const byTime = Date.parse(b.report.createdAt) - Date.parse(a.report.createdAt);
  return byTime !== 0 ? byTime : compare(a.ref.path, b.ref.path);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<T>(map: Map<EvidenceKind, T[]>, kind: EvidenceKind, item: T): void {
  const list = map.get(kind);
  if (list) list.push(item);
  else map.set(kind, [item]);
}
