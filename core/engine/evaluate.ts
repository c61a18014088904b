import { checkConfigAgainstCatalog } from '../config/check-config-against-catalog.js';
import type { ConfigIssue, ConfigResult, MaestroConfig } from '../config/types.js';
import type { Catalog, Control, ParamValue } from '../controls/types.js';
import type { EvidenceItem, EvidenceRef, ValidEvidence } from '../evidence/types.js';
import type { PullRequestFacts } from '../pr/types.js';
import { evaluateApplicability } from './applies.js';
import type { AssertionRegistry } from './check-assertion.js';
import { findNoBlockingControl } from './blocking-floor.js';
import { checkLoosening } from './check-loosening.js';
import { configChanges, describeChange, type ConfigOrigin } from './config-changes.js';
import { conclude, countResults, FAILING, PRECEDENCE } from './conclude.js';
import { decisionId } from './decision-id.js';
import { evaluateRequirement, type RequirementContext } from './evaluate-requirement.js';
import { applyOverride, type OverrideInput } from './apply-override.js';
import { applyMode, decideMode, type ProposedMode } from './apply-mode.js';
import { findWaiver } from './find-waiver.js';
import { type WaiverPolicy, waiverPolicyOf } from './waiver-policy.js';
import { indexEvidence } from './index-evidence.js';
import { selectControl } from './select-control.js';
import type { ControlDecision, GateResult, IgnoredEvidence, RejectedEvidence, RequirementDecision, WaiverUse } from './types.js';
import { nextStepPolicyOf, withNextSteps } from '../result/next-steps.js';

/** Everything one gate evaluation depends on. Same input, byte-identical output. */
export interface EvaluateInput {
  catalog: Catalog;
  /** Compiled catalog assertions (see `prepareAssertions`). */
  assertions: AssertionRegistry;
  /** The repo config, or the problems that made it unusable. */
  config: ConfigResult;
  pr: PullRequestFacts;
  /** Evidence reports as parsed from files or artifacts, valid or not. */
  evidence: EvidenceItem[];
  /** Manual link evidence from a trusted source (the PR body and its reviews). */
  links?: ValidEvidence[];
  /**
   * Waivers from a trusted source (the app's waiver store, `--waivers`, the action's input). The repo
   * config's waiver policy (`waivers.maxDays`, `waivers.allowSelf`) is applied here, whatever the
   * source: a waiver that breaks it is listed as rejected, with why, and not applied.
   */
  waivers?: ValidEvidence[];
  /** An override given for a commit (the app's override store); applies only when it names the head commit. */
  override?: OverrideInput;
  /** Evaluation time, RFC 3339. Freshness and waiver expiry are judged against it. */
  now: string;
  /** The mode the pull request's own version of the config sets, when it changes the config (the app); shown, never applied to it. */
  proposedMode?: ProposedMode;
  /** Problems of a custom catalog that could not be used (key `catalog`): the gate concludes `action_required` and evaluates no control. */
  catalogIssues?: ConfigIssue[];
}

/**
 * The gate engine: decides, for every control of the catalog, whether it applies to the PR and
 * whether its evidence meets it, and concludes the gate. Pure: no I/O, no clock, no randomness.
 */
export function evaluate(input: EvaluateInput): GateResult {
  // The mode first: an override is not needed where report-only blocks nothing.
  const decided = decideMode(input.config, input.pr, input.proposedMode);
  return withNextSteps(applyOverride(applyMode(evaluateControls(input), decided), input.override), nextStepPolicyOf(input.config));
}

function evaluateControls(input: EvaluateInput): GateResult {
  const { catalog, now } = input;
  // Sorted copies: the first matching path or label quoted in an explanation must not depend on input order.
  const pr: PullRequestFacts = { ...input.pr, labels: [...input.pr.labels].sort(), ...(input.pr.changedFiles ? { changedFiles: [...input.pr.changedFiles].sort() } : {}) };
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new TypeError(`now must be an RFC 3339 time, got ${JSON.stringify(now)}`);
  const base = {
    schemaVersion: '1.0' as const,
    subject: { repo: pr.repo, pr: pr.number, sha: pr.headSha, title: pr.title, headRef: pr.headRef, baseRef: pr.baseRef, ...(pr.htmlUrl ? { url: pr.htmlUrl } : {}) },
    evaluatedAt: new Date(nowMs).toISOString(),
    catalogDigest: catalog.digest,
    ...(catalog.origin ? { catalog: catalog.origin } : {}),
  };

  if (input.catalogIssues && input.catalogIssues.length > 0) {
    const first = input.catalogIssues[0]!;
    return {
      ...base,
      checkName: input.config.ok ? input.config.config.checkName : DEFAULT_CHECK_NAME,
      conclusion: 'action_required',
      headline: `The catalog of controls is invalid (${first.message}); no control was evaluated.`,
      counts: countResults([]),
      controls: [],
      evidence: { used: [], ignored: [], rejected: [] },
      waivers: [],
      configIssues: input.catalogIssues,
    };
  }

  const configIssues = input.config.ok ? [...checkConfigAgainstCatalog(input.config.config, catalog, input.config.keyLines), ...checkLoosening(input.config.config, catalog, input.config.keyLines)] : input.config.issues;
  if (!input.config.ok || configIssues.length > 0) {
    const first = configIssues[0];
    return {
      ...base,
      checkName: input.config.ok ? input.config.config.checkName : DEFAULT_CHECK_NAME,
      conclusion: 'action_required',
      headline: `The repo config ${input.config.source} is invalid${first ? ` (${first.key || 'file'}: ${first.message})` : ''}; no control was evaluated.`,
      counts: countResults([]),
      controls: [],
      evidence: { used: [], ignored: [], rejected: [] },
      waivers: [],
      configIssues,
    };
  }

  const config = input.config.config;
  const index = indexEvidence(input.evidence, pr);
  const origin: ConfigOrigin = { source: input.config.source, keyLines: input.config.keyLines };
  const ctx: ControlContext = { pr, evidence: index, links: sortLinks(input.links ?? []), assertions: input.assertions, nowMs, waiverPolicy: waiverPolicyOf(config, input.config.source), origin };
  const consumed = new Set<string>();
  const used = new Map<string, EvidenceRef>();
  const waiverUses: WaiverUse[] = [];

  const controls = catalog.controls.map((control) => {
    const decision = evaluateControl(control, config, ctx, input.waivers ?? []);
    for (const req of decision.control.requirements) for (const ref of req.evidence) used.set(ref.path, ref);
    for (const ref of decision.consumed) consumed.add(ref.path);
    for (const waiver of decision.waivers) {
      waiverUses.push(waiver);
      used.set(waiver.ref.path, waiver.ref);
    }
    return decision.control;
  });

  const rejected: RejectedEvidence[] = index.unattributable.map((item) => ({ ref: item.ref, code: item.code, message: firstIssue(item.issues) }));
  const ignored: IgnoredEvidence[] = [...index.ignored];
  for (const list of index.invalid.values()) {
    for (const item of list) {
      if (consumed.has(item.ref.path)) continue;
      if (item.subject?.repo !== undefined && item.subject.repo !== pr.repo) ignored.push({ ref: item.ref, reason: `it is about ${item.subject.repo}, not ${pr.repo}` });
      else if (item.subject?.sha !== undefined && item.subject.sha !== pr.headSha) ignored.push({ ref: item.ref, reason: `it is an invalid ${item.kind} report about commit ${item.subject.sha.slice(0, 7)}, not the head commit ${pr.headSha.slice(0, 7)}, and no repo-wide requirement needed it` });
      else rejected.push({ ref: item.ref, code: item.code, message: `not a valid ${item.kind} report: ${firstIssue(item.issues)}` });
    }
  }
  for (const list of index.valid.values()) {
    for (const item of list) {
      if (used.has(item.ref.path)) continue;
      ignored.push({ ref: item.ref, reason: unusedReason(item, pr) });
    }
  }
  rejected.sort((a, b) => compare(a.ref.path, b.ref.path));
  ignored.sort((a, b) => compare(a.ref.path, b.ref.path));

  // A config that leaves no blocking control makes a gate that cannot fail: a config problem, not a pass.
  const noBlocking = findNoBlockingControl(catalog, pr, controls, origin.source, origin.keyLines);
  const { conclusion, headline } = noBlocking ? { conclusion: 'action_required' as const, headline: noBlocking.headline } : conclude(controls, rejected);
  return {
    ...base,
    checkName: config.checkName,
    conclusion,
    headline,
    counts: countResults(controls),
    ...(input.config.ok ? { configDigest: input.config.digest } : {}),
    controls,
    evidence: { used: [...used.values()].sort((a, b) => compare(a.path, b.path)), ignored, rejected },
    waivers: waiverUses,
    configIssues: noBlocking ? [noBlocking.issue] : [],
  };
}

/** The check name used when the config that would name it is unusable. */
export const DEFAULT_CHECK_NAME = 'Enforce GA Gates Evidence';

/** What a control is evaluated against: its requirements' context, the repo's waiver rules and where its config came from. */
interface ControlContext extends RequirementContext {
  waiverPolicy: WaiverPolicy;
  origin: ConfigOrigin;
}

function evaluateControl(control: Control, config: MaestroConfig, ctx: ControlContext, waivers: ValidEvidence[]): { control: ControlDecision; consumed: EvidenceRef[]; waivers: WaiverUse[] } {
  const common = { ruleId: control.id, controlId: control.id, title: control.title, priority: control.priority, frameworks: control.frameworks };
  const selected = selectControl(control, config);
  const changes = configChanges(control, selected, config, ctx.origin);
  // An excluded control's reason already names the key; the others get a sentence per change.
  const notes = selected.enabled ? changes.map(describeChange) : [];
  const applicability = selected.enabled ? evaluateApplicability(selected.rule, ctx.pr) : { applicable: false, reasons: [selected.reason] };
  if (!selected.enabled || !applicability.applicable) {
    const result = 'not-applicable' as const;
    return {
      control: {
        decisionId: decisionId({ ruleId: control.id, result, repo: ctx.pr.repo, sha: ctx.pr.headSha, reasons: applicability.reasons }),
        ...common,
        blocking: selected.enabled ? selected.blocking : control.blocking,
        result,
        explanation: `Does not apply: ${applicability.reasons.join('; ')}.`,
        applies: applicability,
        requirements: [],
        notes,
        configChanges: changes,
      },
      consumed: [],
      waivers: [],
    };
  }

  const consumed: EvidenceRef[] = [];
  const requirements: RequirementDecision[] = control.evidence.map((req) => {
    const params = resolveParams(req.params, config.thresholds[req.kind]);
    const outcome = evaluateRequirement(control, req, params, ctx);
    consumed.push(...outcome.consumed);
    const ruleId = `${control.id}/${req.kind}`;
    return {
      decisionId: decisionId({ ruleId, result: outcome.result, repo: ctx.pr.repo, sha: ctx.pr.headSha, evidence: outcome.evidence.map((e) => e.sha256), params }),
      ruleId,
      kind: req.kind,
      result: outcome.result,
      explanation: outcome.explanation,
      evidence: outcome.evidence,
    };
  });

  const own = PRECEDENCE.find((r) => requirements.some((q) => q.result === r)) ?? 'pass';
  const { chosen: found, rejected } = findWaiver(control.id, waivers, ctx.pr, ctx.nowMs, ctx.waiverPolicy);
  let result = own;
  let waiver: WaiverUse | undefined;
  const applies = `Applies because ${applicability.reasons.join('; ')}.`;
  const failing = requirements.filter((r) => r.result !== 'pass');
  let explanation = failing.length === 0
    ? `${applies} ${requirements.length === 1 ? 'Its evidence requirement is' : `All ${requirements.length} evidence requirements are`} met.`
    : `${applies} ${failing.map((r) => `${r.kind}: ${r.explanation}`).join(' ')}`;
  if (found) {
    const { active, ...rest } = found;
    const who = `@${rest.approvedBy}`;
    if (active && FAILING.has(own)) {
      result = 'waived';
      waiver = { ...rest, state: 'active' };
      explanation = `Waived by ${who} until ${rest.until} (reason: ${rest.reason}). Without the waiver the result would be ${own}. ${explanation}`;
    } else if (active) {
      waiver = { ...rest, state: 'not-needed' };
      explanation += ` A waiver by ${who} until ${rest.until} exists but is not needed.`;
    } else {
      waiver = { ...rest, state: 'expired' };
      explanation += ` A waiver by ${who} expired at the end of ${rest.until} and no longer counts.`;
    }
  }
  for (const r of rejected) explanation += ` The waiver for ${control.id} by @${r.approvedBy} until ${r.until} is not applied: ${r.rejection}.`;
  // The waiver that explains the result best: one applied, else one the policy rejected, else an expired one.
  const shown = waiver?.state === 'expired' ? (rejected[0] ?? waiver) : (waiver ?? rejected[0]);
  const blocking = selected.blocking;
  if (!blocking && FAILING.has(result)) explanation += ' This control is report-only, so it does not fail the gate.';
  return {
    control: {
      decisionId: decisionId({ ruleId: control.id, result, repo: ctx.pr.repo, sha: ctx.pr.headSha, requirements: requirements.map((r) => r.decisionId), waiver: waiver ? [waiver.state, waiver.ref.sha256] : null, blocking, ...(rejected.length > 0 ? { rejectedWaivers: rejected.map((r) => r.ref.sha256) } : {}) }),
      ...common,
      blocking,
      result,
      explanation,
      applies: applicability,
      requirements,
      ...(shown ? { waiver: shown } : {}),
      notes,
      configChanges: changes,
    },
    consumed,
    waivers: [...(waiver ? [waiver] : []), ...rejected],
  };
}

/** Catalog defaults overridden by the repo config's thresholds for the kind (only declared names). */
function resolveParams(defaults: Record<string, ParamValue> | undefined, overrides: Record<string, ParamValue> | undefined): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { ...(defaults ?? {}) };
  for (const [name, value] of Object.entries(overrides ?? {})) if (name in params) params[name] = value;
  return params;
}

function sortLinks(links: ValidEvidence[]): ValidEvidence[] {
  return [...links].sort((a, b) => Date.parse(b.report.createdAt) - Date.parse(a.report.createdAt) || compare(a.ref.path, b.ref.path));
}

function unusedReason(item: ValidEvidence, pr: PullRequestFacts): string {
  const { kind, subject } = item.report;
  if (subject.sha !== pr.headSha) return `it is about commit ${subject.sha.slice(0, 7)}, not the head commit ${pr.headSha.slice(0, 7)}, and no repo-wide requirement needed it`;
  return `no applicable control used it (a newer ${kind} report took its place, or no applicable control requires ${kind} evidence)`;
}

function firstIssue(issues: { pointer: string; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'unusable';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
  return `${first.pointer ? `${first.pointer}: ` : ''}${first.message}${more}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
