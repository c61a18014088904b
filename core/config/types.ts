import type { EvidenceKind } from '../evidence/kinds.js';
import type { AppliesRule, ParamValue, Priority } from '../controls/types.js';

/** How the app posts gate notes on a PR. */
export type CommentMode = 'always' | 'on-failure' | 'never';

/**
 * How the gate publishes its conclusion: `enforce` fails the check when a blocking control is not
 * met; `report-only` concludes `neutral` and says which controls would fail (for rolling out).
 */
export type GateMode = 'enforce' | 'report-only';

/** How an owner's own controls combine with the shipped catalog. */
export type CatalogMode = 'extend' | 'replace';

/** Which catalog of controls judges the repositories of an owner: chosen by the org config only. */
export interface CatalogSetting {
  /** `shipped`: the catalog of this Maestro version; `org`: plus (or instead of) `maestro/controls/*.yml` of the owner's `.github` repository. */
  source: 'shipped' | 'org';
  /** `extend`: the org's controls are added, and replace shipped controls of the same id; `replace`: only the org's controls. */
  mode: CatalogMode;
}

/** Per-control changes a repo may make; each is shown in the output. */
export interface ControlCustomization extends AppliesRule {
  /** Make a blocking control report-only (shown as such), or the reverse. */
  blocking?: boolean;
}

/** `.github/maestro.yml`, after defaults are applied. */
export interface MaestroConfig {
  version: 1;
  /** Name of the check run (and of the gate in outputs). */
  checkName: string;
  /** `enforce` or `report-only`; absent: the org config's, else `enforce`. */
  mode?: GateMode;
  /** The catalog the org config chose; absent: the shipped catalog. Only the owner's `.github` config may set it. */
  catalog?: CatalogSetting;
  comment: { mode: CommentMode; drafts: boolean };
  controls: {
    /** Only controls of these priorities are evaluated. */
    priorities: Priority[];
    /** When not empty, only controls carrying one of these tags are evaluated. */
    tags: string[];
    /** Control ids turned off for this repo (reported as not applicable, with the reason). */
    exclude: string[];
    /** Per-control label, path and blocking changes, by control id. */
    customize: Record<string, ControlCustomization>;
  };
  /** Parameter overrides by evidence kind: `thresholds.a11y.maxMinor: 10`. */
  thresholds: Record<string, Record<string, ParamValue>>;
  waivers: {
    /** Longest waiver, in days, that may be granted. */
    maxDays: number;
    approvers: Approvers;
    /** Whether the PR's author may waive a control of their own PR (off: another approver must). */
    allowSelf: boolean;
  };
  /** Who may force the gate to success for one commit with `/override`, and whether on their own PR. */
  overrides: { approvers: Approvers; allowSelf: boolean };
  /** The workflow files allowed to produce each evidence kind; a report of a listed kind from another workflow is not trusted. */
  producers: Partial<Record<EvidenceKind, string[]>>;
  /** Slash commands in issues and PRs. */
  commands: {
    /** `/milestone <name>` creates the milestone when the repo has none of that name. */
    createMilestones: boolean;
    /** Command words of other tools, left alone (no "unknown command" reply). */
    ignore: string[];
  };
}

/** Who may approve a privileged act: members of any of the teams, or users with any of the repo permissions. */
export interface Approvers {
  /** Teams as org/team-slug. */
  teams: string[];
  permissions: Array<'admin' | 'maintain' | 'write'>;
}

/** A configuration problem, pointing at the key. */
export interface ConfigIssue {
  /** Dotted key path (`thresholds.a11y.maxMinor`); `''` for the whole file. */
  key: string;
  message: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
}

/** The outcome of loading a config: usable, or a list of problems (never a silent default). */
export type ConfigResult =
  | {
      ok: true;
      config: MaestroConfig;
      source: string;
      digest: string;
      keyLines: Record<string, number>;
      /** The config file that set `config.mode`, when that is not `source` itself (the org config). */
      modeSource?: string;
    }
  | { ok: false; source: string; issues: ConfigIssue[] };
