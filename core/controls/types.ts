import type { EvidenceKind } from '../evidence/kinds.js';

/** Control priority, as in the GA plan: P0 non-negotiable, P1 before GA, P2 polish. */
export type Priority = 'P0' | 'P1' | 'P2';

/** A parameter value a catalog assertion can reference with `{"$data": "/params/<name>"}`. */
export type ParamValue = number | string | boolean;

/** Framework clauses a control maps to. */
export interface FrameworkMapping {
  /** SOC 2 Trust Services Criteria ids, such as `CC8.1`. */
  soc2: string[];
  /** ISO/IEC 27001:2022 Annex A control ids, such as `A.8.32`. */
  iso27001: string[];
  /** NIST SP 800-218 (SSDF) practice or task ids, such as `PW.8.2`. */
  ssdf: string[];
}

/** When a control applies to a PR: always, or when any label or any changed path matches. */
export interface AppliesRule {
  always?: boolean;
  /** Any of these labels makes the control apply. */
  labels?: string[];
  /** Any changed file matching any of these globs makes the control apply. */
  paths?: string[];
}

/** One piece of evidence a control needs. */
export interface EvidenceRequirement {
  /** The evidence kind; `link` means only manual evidence exists for this requirement. */
  kind: EvidenceKind;
  /** What is checked, as one sentence a reviewer understands. */
  description: string;
  /** `commit`: evidence must be about the PR head commit. `repo`: any commit of the repo, within `maxAge`. */
  scope: 'commit' | 'repo';
  /** ISO 8601 duration (`P7D`, `PT12H`): older evidence is stale. */
  maxAge: string;
  /** True when a `link` evidence for this control, approved by a reviewer, satisfies the requirement. */
  link: boolean;
  /**
   * Selects which reports of the kind count: top-level `data` fields and the value (or any of the
   * values) they must have, such as `{ drill: 'restore' }`. The newest matching report decides.
   */
  match?: Record<string, ParamValue | ParamValue[]>;
  /** Defaults of the parameters the assertion references; repo config `thresholds.<kind>` overrides them. */
  params?: Record<string, ParamValue>;
  /**
   * How far the repo config may loosen each numeric parameter: the highest value for an upper bound
   * (`maximum`), the lowest for a lower bound (`minimum`). A parameter left out may only be
   * tightened; a stricter value is always allowed.
   */
  loosest?: Record<string, number>;
  /** JSON Schema fragment over the report's `data`; parameters via `{"$data": "/params/<name>"}`. */
  assert?: Record<string, unknown>;
  /** JSON pointers into `data` whose values are quoted in explanations (`/counts/minor`). */
  show?: string[];
}

/** One control of the catalog. */
export interface Control {
  id: string;
  title: string;
  priority: Priority;
  /** A failing blocking control fails the gate; a non-blocking one is reported only. */
  blocking: boolean;
  description: string;
  owner?: string;
  tags: string[];
  frameworks: FrameworkMapping;
  applies: AppliesRule;
  evidence: EvidenceRequirement[];
  /** Every release evidence pack must hold evidence for this control (`maestro evidence bundle` refuses one without, unless overridden). */
  requiredForRelease?: boolean;
  /** The file the control was loaded from, relative to the catalog root. */
  source: string;
}

/** Where a catalog's controls came from, shown beside its digest in every output. */
export interface CatalogOrigin {
  /** `shipped`: the catalog of this Maestro version; `org`: an owner's `.github` repository; `folder`: a folder given to the CLI or the action. */
  source: 'shipped' | 'org' | 'folder';
  /** How the custom controls combine with the shipped catalog; absent for the shipped catalog. */
  mode?: 'extend' | 'replace';
  /** Where the custom controls were read: `acme/.github@1a2b3c4 maestro/controls`, or the folder. */
  location?: string;
  /** Number of control files read there. */
  files?: number;
  /** Shipped control ids that custom controls of the same id replace (`extend` only). */
  overrides?: string[];
  /** The Maestro version whose shipped catalog is used or extended. */
  shippedVersion: string;
}

/** A loaded and validated catalog. */
export interface Catalog {
  controls: Control[];
  /** sha256 over the canonical JSON of the controls: names the exact catalog a decision used. */
  digest: string;
  /** Where the controls came from; absent on the embedded shipped catalog. */
  origin?: CatalogOrigin;
}
