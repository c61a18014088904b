import type { Control, EvidenceRequirement, ParamValue } from '../controls/types.js';
import type { InvalidEvidence, ValidEvidence, EvidenceRef } from '../evidence/types.js';
import { PRODUCERS } from '../evidence/producers.js';
import type { PullRequestFacts } from '../pr/types.js';
import { parseDurationMs, humanDuration } from '../util/duration.js';
import { getAtPointer } from '../util/json-pointer.js';
import { preview } from '../evidence/schema-issues.js';
import type { EvidenceIndex } from './index-evidence.js';
import { checkAssertion, type AssertionRegistry } from './check-assertion.js';
import { findLinkEvidence } from './find-link-evidence.js';
import { decideSameTime } from './decide-same-time.js';
import type { DecisionResult } from './types.js';

/** Evidence dated this far after the evaluation time is still accepted (runner clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** What decided one requirement, before it gets its decision id. */
export interface RequirementOutcome {
  result: Exclude<DecisionResult, 'waived' | 'not-applicable'>;
  explanation: string;
  evidence: EvidenceRef[];
  /** Invalid files this requirement took responsibility for (so they are not reported twice). */
  consumed: EvidenceRef[];
}

/** Everything a requirement is evaluated against. */
export interface RequirementContext {
  pr: PullRequestFacts;
  evidence: EvidenceIndex;
  links: ValidEvidence[];
  assertions: AssertionRegistry;
  nowMs: number;
}

/**
 * Decides one requirement: invalid evidence first (fail closed), then missing, stale, and finally
 * the assertion over the newest valid report (over each, when several share the newest time: the
 * worse result wins). Manual link evidence counts only where the requirement allows it and no gate
 * evidence exists.
 */
export function evaluateRequirement(control: Control, req: EvidenceRequirement, params: Record<string, ParamValue>, ctx: RequirementContext): RequirementOutcome {
  const short = ctx.pr.headSha.slice(0, 7);
  if (req.kind === 'link') return linkOutcome(control, req, ctx, `No manual evidence is linked for ${control.id}`);

  const invalid = (ctx.evidence.invalid.get(req.kind) ?? []).filter((item) => relevantInvalid(item, req, ctx.pr));
  if (invalid.length > 0) return invalidOutcome(req, invalid);

  const all = (ctx.evidence.valid.get(req.kind) ?? []).filter((e) => matches(req.match, e.report.data));
  const what = `${req.kind.endsWith('report') ? req.kind : `${req.kind} report`}${describeMatch(req.match)}`;
  const forCommit = req.scope === 'commit' ? all.filter((e) => e.report.subject.sha === ctx.pr.headSha) : all;
  const newest = forCommit[0];
  if (!newest) {
    const other = all[0];
    if (other) {
      return {
        result: 'stale',
        explanation: `The newest ${what}, ${other.ref.path}, is for commit ${other.report.subject.sha.slice(0, 7)}, not the head commit ${short}; run ${PRODUCERS[req.kind]} on the head commit.`,
        evidence: [other.ref],
        consumed: [],
      };
    }
    const missing = `No ${what} for ${req.scope === 'commit' ? `head commit ${short}` : ctx.pr.repo} was found; run ${PRODUCERS[req.kind]}`;
    if (req.link) return linkOutcome(control, req, ctx, missing);
    return { result: 'missing', explanation: `${missing}.`, evidence: [], consumed: [] };
  }

  const created = Date.parse(newest.report.createdAt);
  if (created > ctx.nowMs + CLOCK_SKEW_MS) {
    return {
      result: 'invalid',
      explanation: `${newest.ref.path} says it was created at ${newest.report.createdAt}, after the evaluation time; evidence cannot come from the future, so check the producer's clock.`,
      evidence: [newest.ref],
      consumed: [],
    };
  }
  const maxAgeMs = parseDurationMs(req.maxAge) ?? 0;
  const ageMs = ctx.nowMs - created;
  if (ageMs > maxAgeMs) {
    return {
      result: 'stale',
      explanation: `The newest ${what}, ${newest.ref.path} (created ${newest.report.createdAt.slice(0, 10)}), is ${humanDuration(ageMs)} old; it must be at most ${humanDuration(maxAgeMs)} old (maxAge ${req.maxAge}).`,
      evidence: [newest.ref],
      consumed: [],
    };
  }

  // Reports of the newest time all count: the worse result wins (see decideSameTime).
  const judge = (e: ValidEvidence): string[] => (req.assert ? checkAssertion(req.assert, e.report.data, params, ctx.assertions) : []);
  const { decider, failures, refs, note } = decideSameTime(forCommit, judge, req.kind.endsWith('report') ? `${req.kind}s` : `${req.kind} reports`);
  if (failures.length > 0) {
    const more = failures.length > 3 ? ` (and ${failures.length - 3} more)` : '';
    return { result: 'fail', explanation: `${note}${decider.ref.path} fails: ${failures.slice(0, 3).join('; ')}${more}.`, evidence: refs, consumed: [] };
  }
  return { result: 'pass', explanation: `${note}${decider.ref.path} (created ${decider.report.createdAt.slice(0, 10)}) meets it: ${lowerFirst(stripStop(req.description))}${shown(req, decider.report.data)}.`, evidence: refs, consumed: [] };
}

/**
 * Invalid files that could be this requirement's evidence: same repo, for commit scope the same
 * commit, and matching fields, each where readable. What cannot be read counts as a match: a
 * broken file must fail the requirement it might belong to, not slip past it.
 */
function relevantInvalid(item: InvalidEvidence, req: EvidenceRequirement, pr: PullRequestFacts): boolean {
  if (item.subject?.repo !== undefined && item.subject.repo !== pr.repo) return false;
  if (req.scope === 'commit' && item.subject?.sha !== undefined && item.subject.sha !== pr.headSha) return false;
  for (const [field, wanted] of Object.entries(req.match ?? {})) {
    const value = item.dataFields?.[field];
    if (value !== undefined && !(Array.isArray(wanted) ? wanted : [wanted]).includes(value)) return false;
  }
  return true;
}

/** Whether a report's data has the field values a requirement selects. */
function matches(match: EvidenceRequirement['match'], data: Record<string, unknown>): boolean {
  for (const [field, wanted] of Object.entries(match ?? {})) {
    if (!(Array.isArray(wanted) ? wanted : [wanted]).includes(data[field] as never)) return false;
  }
  return true;
}

/** ` with drill = restore`, for sentences. */
function describeMatch(match: EvidenceRequirement['match']): string {
  const parts = Object.entries(match ?? {}).map(([field, wanted]) => `${field} = ${Array.isArray(wanted) ? wanted.join(' or ') : String(wanted)}`);
  return parts.length > 0 ? ` with ${parts.join(' and ')}` : '';
}

function invalidOutcome(req: EvidenceRequirement, invalid: InvalidEvidence[]): RequirementOutcome {
  const first = invalid[0]!;
  const issues = first.issues.slice(0, 3).map((i) => (i.pointer ? `${i.pointer}: ${i.message}` : i.message));
  const moreIssues = first.issues.length > 3 ? ` (and ${first.issues.length - 3} more problems)` : '';
  const moreFiles = invalid.length > 1 ? ` ${invalid.length - 1} more invalid ${req.kind} ${invalid.length === 2 ? 'file is' : 'files are'} present too.` : '';
  return {
    result: 'invalid',
    // A report from a producer the PR could have steered is not trusted, however well formed.
    explanation: first.code === 'UNTRUSTED_PRODUCER'
      ? `${first.ref.path} is not trusted: ${issues.map((i) => i.replace(/^untrusted: /, '')).join('; ')}.${moreFiles}`
      : `${first.ref.path} is not a valid ${req.kind} report: ${issues.join('; ')}${moreIssues}; fix or remove it.${moreFiles}`,
    evidence: invalid.map((i) => i.ref),
    consumed: invalid.map((i) => i.ref),
  };
}

function linkOutcome(control: Control, req: EvidenceRequirement, ctx: RequirementContext, missingSentence: string): RequirementOutcome {
  const found = findLinkEvidence(control.id, ctx.links, ctx.pr, req.scope);
  if (found.approved) {
    const link = found.approved;
    const data = link.report.data as { url: string; title: string; attestedBy: string; approvedBy: string[] };
    return {
      result: 'pass',
      explanation: `Manual evidence "${data.title}" (${data.url}) is attested by @${data.attestedBy} and approved by ${data.approvedBy.map((a) => `@${a}`).join(', ')}.`,
      evidence: [link.ref],
      consumed: [],
    };
  }
  if (found.unapproved) {
    const data = found.unapproved.report.data as { url: string; title: string };
    return {
      result: 'missing',
      explanation: `Manual evidence "${data.title}" (${data.url}) is linked, but no reviewer other than its author has approved the pull request yet.`,
      evidence: [found.unapproved.ref],
      consumed: [],
    };
  }
  const hint = req.kind === 'link' ? `; add a link for ${control.id} to the Evidence section of the PR body and have a reviewer approve the PR` : `, or link manual evidence for ${control.id} in the Evidence section of the PR body and have a reviewer approve the PR`;
  return { result: 'missing', explanation: `${missingSentence}${hint}.`, evidence: [], consumed: [] };
}

/** Most values quoted for one `show` pointer with a `*` segment. */
const MAX_SHOWN = 10;

function shown(req: EvidenceRequirement, data: unknown): string {
  if (!req.show?.length) return '';
  const values = req.show.map((pointer) => {
    const found = expandPointer(data, pointer);
    const text = found.length === 1 ? preview(found[0]) : `${found.slice(0, MAX_SHOWN).map(preview).join(', ')}${found.length > MAX_SHOWN ? ', ...' : ''}`;
    return `data${pointer.replace(/\//g, '.')} = ${found.length === 0 ? 'nothing' : text}`;
  });
  return ` (${values.join(', ')})`;
}

/** Values at a JSON pointer whose `*` segments stand for every item of an array. */
function expandPointer(data: unknown, pointer: string): unknown[] {
  const star = pointer.indexOf('/*');
  if (star === -1) return [getAtPointer(data, pointer)];
  const list = getAtPointer(data, pointer.slice(0, star));
  if (!Array.isArray(list)) return [];
  const rest = pointer.slice(star + 2);
  return list.slice(0, MAX_SHOWN + 1).flatMap((item) => expandPointer(item, rest));
}

function stripStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
