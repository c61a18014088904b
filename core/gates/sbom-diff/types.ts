/** SBOM formats the gate reads. */
export type SbomFormat = 'cyclonedx-1.4' | 'cyclonedx-1.5' | 'cyclonedx-1.6' | 'spdx-2.3';

/** One component (package) of an SBOM. */
export interface SbomComponent {
  purl: string;
  name: string;
  version?: string;
  /** Declared licenses: SPDX ids or expressions, or names when no id is known; sorted. */
  licenses: string[];
}

/** A parsed SBOM: its format and its components with a package URL, by purl. */
export interface ParsedSbom {
  format: SbomFormat;
  file: string;
  components: Map<string, SbomComponent>;
  /** Components without a package URL: they cannot be matched and are counted only. */
  withoutPurl: number;
}

/** A component whose version or licenses differ between base and head. */
export interface ComponentChange<T> {
  purl: string;
  name: string;
  from: T;
  to: T;
}

/** Which rule a head component breaks. */
export type SbomRule = 'denied-license' | 'denied-package' | 'copyleft-license';

/** What added or changed components may not bring. */
export interface SbomPolicy {
  deniedLicenses: string[];
  deniedPackages: string[];
  /** `strong`: GPL, AGPL, SSPL and the like; `all`: also weak copyleft (LGPL, MPL, EPL, ...); `off`. */
  copyleft: 'strong' | 'all' | 'off';
}

/** The `data` of an sbom-diff report (evidence-schemas/sbom-diff.v1.json). */
export interface SbomDiffData {
  base: { format: SbomFormat; file: string; components: number };
  head: { format: SbomFormat; file: string; components: number };
  counts: { added: number; removed: number; versionChanged: number; licenseChanged: number };
  added: SbomComponent[];
  removed: SbomComponent[];
  versionChanged: ComponentChange<string>[];
  licenseChanged: ComponentChange<string[]>[];
  policy: { deniedLicenses: string[]; deniedPackages: string[] };
  violations: { purl: string; rule: SbomRule; message: string }[];
}
