import type { CatalogOrigin, FrameworkMapping, Priority } from '../controls/types.js';
import type { ConfigIssue, GateMode } from '../config/types.js';
import type { EvidenceKind } from '../evidence/kinds.js';
import type { EvidenceRef } from '../evidence/types.js';
import type { NextStep } from '../result/next-step.js';

/** The result of one requirement or control. Worst first in `RESULT_SEVERITY`. */
export type DecisionResult = 'pass' | 'fail' | 'missing' | 'stale' | 'invalid' | 'waived' | 'not-applicable';

/** Gate conclusions, the same words as GitHub check-run conclusions. */
export type GateConclusion = 'success' | 'failure' | 'neutral' | 'action_required';

/** The waiver that a decision used, or found expired; always shown, never hidden. */
export interface WaiverUse {
  controlId: string;
  until: string;
  reason: string;
  approvedBy: string;
  /**
   * `active` waivers turn failures into `waived`; `expired` ones are listed so nobody is surprised;
   * `rejected` ones break the repo's waiver policy (too long, self-approved) and are not applied.
   */
  state: 'active' | 'expired' | 'not-needed' | 'rejected';
  /** Why a `rejected` waiver is not applied: the rule of the repo config it breaks. */
  rejection?: string;
  ref: EvidenceRef;
}

/** A person's override of the gate for one commit: always shown as an override, never as a pass. */
export interface OverrideUse {
  /** GitHub login of who overrode. */
  by: string;
  reason: string;
  /** RFC 3339, when the override was given. */
  at: string;
  /** The commit overridden; a new commit is not. */
  sha: string;
  /** The comment that gave it. */
  commentUrl?: string;
  /** `applied`: the gate would have failed and concludes success; `not-needed`: it passed on its own. */
  state: 'applied' | 'not-needed';
  /** The conclusion without the override. */
  wouldBe: GateConclusion;
}

/** The decision on one evidence requirement of a control. */
export interface RequirementDecision {
  /** `dec_` + 16 hex: a hash of everything that decided this result. */
  decisionId: string;
  /** `<control id>/<kind>`. */
  ruleId: string;
  kind: EvidenceKind;
  result: DecisionResult;
  /** A full sentence: the field, the bound and the value, or the kind that is missing. */
  explanation: string;
  /** The evidence this decision rests on. */
  evidence: EvidenceRef[];
}

/** The decision on one control. */
export interface ControlDecision {
  decisionId: string;
  /** The control id. */
  ruleId: string;
  controlId: string;
  title: string;
  priority: Priority;
  blocking: boolean;
  frameworks: FrameworkMapping;
  result: DecisionResult;
  /** Why the control applies or not, then what decided its result. */
  explanation: string;
  applies: { applicable: boolean; reasons: string[] };
  requirements: RequirementDecision[];
  waiver?: WaiverUse;
  /** Repo config changes that affected this control, in words (`made report-only by .github/maestro.yml ...`). */
  notes: string[];
  /** Every rule or threshold of this control that the repo config changes from the catalog; empty when none. */
  configChanges: ConfigChange[];
  /** What to do about a control that is not met or only waived (core/result/next-steps.ts); absent when met or not applicable. */
  nextSteps?: NextStep[];
}

/**
 * The mode the gate's conclusion was published in, always shown: in `report-only` the check
 * concludes `neutral` (or `success`) and names the controls that would fail it.
 */
export interface GateModeUse {
  mode: GateMode;
  /** The config that set the mode; absent for the default (`enforce`). */
  source?: string;
  /** `report-only`: the conclusion the gate would have in `enforce` mode. */
  wouldBe?: GateConclusion;
  /** `report-only`: the blocking controls not met, which would fail the gate in `enforce` mode. */
  wouldFail?: string[];
  /**
   * Mode changes shown but not applied to this pull request: a switch to `report-only` made by the
   * pull request itself (it applies to later ones once merged).
   */
  notes: string[];
}

/** What a repo config change does to a control. */
export type ConfigChangeEffect = 'loosened' | 'tightened' | 'changed' | 'report-only' | 'made-blocking' | 'excluded' | 'rescoped';

/**
 * One rule or threshold of a control that the repo config changes from the catalog, shown next
 * to the control in every output: `thresholds.a11y.maxMinor` from 4 to 10, loosened.
 */
export interface ConfigChange {
  /** The config key: `thresholds.a11y.maxMinor`, `controls.customize.GA-25.paths`, `controls.exclude`. */
  key: string;
  effect: ConfigChangeEffect;
  /** The catalog's value (`controls.exclude`: `evaluated`; `controls.priorities`: the control's priority). */
  catalog: ConfigChangeValue;
  /** The repo config's value. */
  config: ConfigChangeValue;
  /** The config that made the change (`.github/maestro.yml`, or the file given with `--config`). */
  source: string;
  /** A threshold's bound in words, without its value: `counts.critical ≤`. */
  bound?: string;
  /** A threshold's loosest value the catalog allows a repo to set. */
  loosest?: number;
  /** 1-based line of the key in the config file, when known. */
  line?: number;
}

/** A value a config change compares: a parameter, a list of labels, paths or priorities, or a word. */
export type ConfigChangeValue = string | number | boolean | string[];

/** An evidence file that took no part in any decision, with the reason. */
export interface IgnoredEvidence {
  ref: EvidenceRef;
  reason: string;
}

/** An evidence file that could not be used at all: the gate cannot pass while one is present. */
export interface RejectedEvidence {
  ref: EvidenceRef;
  code: string;
  message: string;
}

/** Counts of control results among all controls. */
export type ResultCounts = Record<DecisionResult, number>;

/** The one result type of a gate evaluation, rendered alike by the app, the actions and the CLI. */
export interface GateResult {
  schemaVersion: '1.0';
  checkName: string;
  subject: { repo: string; pr: number; sha: string; title: string; headRef: string; baseRef: string; url?: string };
  evaluatedAt: string;
  conclusion: GateConclusion;
  /** One sentence: why the gate concluded as it did. */
  headline: string;
  counts: ResultCounts;
  catalogDigest: string;
  /** Where the catalog's controls came from (shipped, an org's `.github` repository, a folder); absent in results made before it was recorded. */
  catalog?: CatalogOrigin;
  configDigest?: string;
  /** How the conclusion was published (`enforce` or `report-only`); absent in results made before modes existed. */
  mode?: GateModeUse;
  controls: ControlDecision[];
  evidence: { used: EvidenceRef[]; ignored: IgnoredEvidence[]; rejected: RejectedEvidence[] };
  waivers: WaiverUse[];
  /** The override of this commit, when one was given (`conclusion` is then success). */
  override?: OverrideUse;
  /**
   * Config problems; when present the conclusion is `action_required` and no control is evaluated,
   * except for a valid config that leaves no blocking control (key `controls`): then every control
   * is evaluated and shown, and the gate still cannot pass.
   */
  configIssues: ConfigIssue[];
  /** Steps for the whole gate when it does not pass: the prefilled `/override` the config allows, and the command that reproduces the decision. */
  nextSteps?: NextStep[];
}
