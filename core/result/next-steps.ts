import type { Approvers, ConfigResult } from '../config/types.js';
import type { ControlDecision, DecisionResult, GateResult, RequirementDecision } from '../engine/types.js';
import type { EvidenceKind } from '../evidence/kinds.js';
import { truncate } from '../util/escape-markdown.js';
import { EVIDENCE_PRODUCERS, type EvidenceProducer, workflowRunOf } from './next-step-producers.js';
import type { NextStep, NextStepKind } from './next-step.js';

/** What the repo config allows a reader to do about a failing control: who may waive or override, and for how long. */
export interface NextStepPolicy {
  /** Who may grant a waiver, in words; undefined when the config names nobody. */
  waiveBy?: string;
  /** Longest waiver, in days (`waivers.maxDays`). */
  maxDays: number;
  /** Who may override the gate, in words; undefined when the config names nobody. */
  overrideBy?: string;
}

/** The results that leave a control or requirement not met. */
const NOT_MET: ReadonlySet<DecisionResult> = new Set(['fail', 'missing', 'stale', 'invalid']);

/** The steps of a requirement that decide its evidence, before waivers and overrides. */
type EvidenceStep = Extract<NextStepKind, 'produce' | 'rerun' | 'fix' | 'fix-evidence' | 'fix-drift' | 'link'>;

/**
 * The next steps of a requirement, by its result and evidence kind: `*` holds for every kind the
 * row does not name. Read as a table, never as branches: a new kind or result is a new cell.
 */
export const NEXT_STEP_TABLE: Record<'fail' | 'missing' | 'stale' | 'invalid', Partial<Record<EvidenceKind, EvidenceStep[]>> & { '*': EvidenceStep[] }> = {
  missing: { '*': ['produce'], link: ['link'] },
  stale: { '*': ['rerun'], link: ['link'] },
  invalid: { '*': ['fix-evidence', 'rerun'], link: ['link'] },
  fail: { '*': ['fix'], 'drift-report': ['fix-drift', 'rerun'], link: ['link'] },
};

/** Words for who may approve: "people with admin or maintain permission, or members of acme/release". */
function approverWords(approvers: Approvers): string | undefined {
  const parts = [
    ...(approvers.permissions.length > 0 ? [`people with ${approvers.permissions.join(' or ')} permission`] : []),
    ...(approvers.teams.length > 0 ? [`members of ${approvers.teams.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join(', or ') : undefined;
}

/** The waiver and override rules of a repo config, as next steps need them; an unusable config allows neither. */
export function nextStepPolicyOf(config: ConfigResult): NextStepPolicy {
  if (!config.ok) return { maxDays: 0 };
  const { waivers, overrides } = config.config;
  const waiveBy = approverWords(waivers.approvers);
  const overrideBy = approverWords(overrides.approvers);
  return { maxDays: waivers.maxDays, ...(waiveBy ? { waiveBy } : {}), ...(overrideBy ? { overrideBy } : {}) };
}

/** Builds one step of the table for a requirement that is not met. */
const EVIDENCE_STEPS: Record<EvidenceStep, (r: RequirementDecision, repo: string) => NextStep> = {
  produce: (r) => produceStep('produce', `run ${P(r).job}`, `Run ${P(r).where} on the head commit`, r.kind),
  rerun: (r, repo) => {
    const run = workflowRunOf(r.evidence[0]?.url);
    if (run) return { kind: 'rerun', title: `re-run ${P(r).job}`, text: `Re-run the workflow run that produced ${r.evidence[0]!.path}, for a fresh report on the head commit:`, command: `gh run rerun ${run.id} --repo ${run.repo}`, url: run.url };
    const scheduled = P(r).scheduled;
    if (scheduled) return { kind: 'rerun', title: `re-run ${P(r).job}`, text: `Re-run ${P(r).where} on the default branch for a fresh report:`, command: `gh workflow run ${scheduled} --repo ${repo}` };
    return produceStep('rerun', `re-run ${P(r).job}`, `Re-run ${P(r).where} on the head commit`, r.kind);
  },
  fix: (r) => produceStep('fix', `fix and re-run ${P(r).job}`, `Fix what the ${r.kind} report found, then run ${P(r).where} again`, r.kind),
  'fix-evidence': (r) => {
    const path = r.evidence[0]?.path;
    const title = path ? 'fix or remove the file' : `fix or remove the ${r.kind} report`;
    return path
      ? { kind: 'fix-evidence', title, text: `Fix or remove ${path}: it cannot be used as ${r.kind} evidence. Check a file with:`, command: `maestro validate ${shellWord(path.replace(/#\d+$/, ''))}` }
      : { kind: 'fix-evidence', title, text: `Fix or remove the ${r.kind} evidence that cannot be used.` };
  },
  'fix-drift': () => ({ kind: 'fix-drift', title: 'run maestro drift --fix', text: 'Bring the workflows back to the gate template (it adds the missing jobs), commit, and check again:', command: 'maestro drift --template <template> --repo .github/workflows --fix' }),
  link: (r) => ({ kind: 'link', title: 'link approved evidence', text: `Link the evidence for ${r.ruleId.split('/')[0]} in the Evidence section of the pull request body; it counts once a reviewer approves.` }),
};

function P(r: RequirementDecision): EvidenceProducer {
  return EVIDENCE_PRODUCERS[r.kind];
}

function produceStep(kind: NextStepKind, title: string, text: string, evidenceKind: EvidenceKind): NextStep {
  const command = EVIDENCE_PRODUCERS[evidenceKind].command;
  return command ? { kind, title, text: `${text}, or locally:`, command } : { kind, title, text: `${text}.` };
}

/** A path as one shell word: quoted when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A step within the decision log's limits (paths and team lists are the only long parts). */
function bounded(step: NextStep): NextStep {
  return { ...step, title: truncate(step.title, 200), text: truncate(step.text, 4000), ...(step.command ? { command: truncate(step.command, 4000) } : {}) };
}

/** YYYY-MM-DD, `days - 1` days after the day of `at`: a waiver of `days` days granted that day ends then. */
function lastDay(at: string, days: number): string {
  const start = Math.floor(Date.parse(at) / 86_400_000) * 86_400_000;
  return new Date(start + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Waivers suggested in next steps last a week, or less when the config allows less. */
const SUGGESTED_WAIVER_DAYS = 7;

/** The next steps of one control: its requirements' steps from the table, then a waiver where the policy allows one. */
export function controlNextSteps(control: ControlDecision, policy: NextStepPolicy, repo: string, evaluatedAt: string): NextStep[] {
  const steps: NextStep[] = [];
  for (const r of control.requirements) {
    if (!NOT_MET.has(r.result)) continue;
    const row = NEXT_STEP_TABLE[r.result as keyof typeof NEXT_STEP_TABLE];
    for (const key of row[r.kind] ?? row['*']) steps.push(EVIDENCE_STEPS[key](r, repo));
  }
  if (NOT_MET.has(control.result) && control.blocking && policy.waiveBy) {
    const days = Math.min(SUGGESTED_WAIVER_DAYS, policy.maxDays);
    steps.push({
      kind: 'waive',
      title: 'or waive',
      text: `Or an approver (${policy.waiveBy}) waives ${control.controlId} on this pull request, for at most ${policy.maxDays} days, by commenting:`,
      command: `/waive ${control.controlId} until ${lastDay(evaluatedAt, days)} reason: <why>`,
    });
  }
  // The same step twice (two requirements with one producer) is shown once.
  return steps.filter((s, i) => steps.findIndex((t) => t.kind === s.kind && t.text === s.text && t.command === s.command) === i).map(bounded);
}

/** The reproduce step when the entry point does not know its inputs (the app, the action): where each input comes from. */
export function defaultReproduceStep(result: GateResult): NextStep {
  return {
    kind: 'reproduce',
    title: 'reproduce locally',
    text: "Reproduce this decision locally: save the pull request's event as event.json, the commit's maestro-evidence artifacts in evidence/ and its changed files in changed-files.txt, then run:",
    command: `maestro gate --event event.json --evidence evidence --changed-files changed-files.txt --now ${result.evaluatedAt.replace('.000Z', 'Z')}`,
  };
}

/**
 * The result with its next steps: each control that is not met (or only waived) gets the steps
 * of its requirements and, where the policy allows, a prefilled `/waive`; a failing gate gets a
 * prefilled `/override` where the policy allows one, and the command that reproduces it.
 */
export function withNextSteps(result: GateResult, policy: NextStepPolicy): GateResult {
  const controls = result.controls.map((c) => {
    if (!NOT_MET.has(c.result) && c.result !== 'waived') return c;
    const nextSteps = controlNextSteps(c, policy, result.subject.repo, result.evaluatedAt);
    return nextSteps.length > 0 ? { ...c, nextSteps } : c;
  });
  const failing = result.conclusion === 'failure' || result.conclusion === 'action_required' || result.override?.state === 'applied';
  const gate: NextStep[] = [];
  if (result.conclusion === 'failure' && policy.overrideBy) {
    gate.push({ kind: 'override', title: 'or override this commit', text: `Or, for this commit only, an approver (${policy.overrideBy}) overrides the gate (shown as an override, never as a pass) by commenting:`, command: '/override reason: <why>' });
  }
  if (failing || controls.some((c) => c.nextSteps)) gate.push(defaultReproduceStep(result));
  return { ...result, controls, ...(gate.length > 0 ? { nextSteps: gate.map(bounded) } : {}) };
}

/** The result with the reproduce step's command replaced by the one the entry point ran (the CLI knows its inputs). */
export function withReproduceCommand(result: GateResult, command: string): GateResult {
  if (!result.nextSteps) return result;
  return { ...result, nextSteps: result.nextSteps.map((s) => (s.kind === 'reproduce' ? { kind: 'reproduce', title: 'reproduce locally', text: 'Reproduce this decision locally with the same inputs:', command: truncate(command, 4000) } : s)) };
}
