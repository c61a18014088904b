import { packageKey } from './diff-sboms.js';
import type { SbomComponent, SbomPolicy, SbomRule } from './types.js';

/** SPDX id prefixes of strong (and network) copyleft licenses. */
const STRONG_COPYLEFT = ['GPL-', 'AGPL-', 'SSPL-', 'EUPL-', 'OSL-', 'RPL-', 'CPAL-', 'CC-BY-SA-', 'CC-BY-NC-SA-', 'Sleepycat', 'QPL-'];
/** SPDX id prefixes of weak (file- or library-level) copyleft licenses. */
const WEAK_COPYLEFT = ['LGPL-', 'MPL-', 'EPL-', 'CDDL-', 'CPL-', 'MS-RL', 'APSL-', 'ErlPL-', 'SPL-'];

/** A policy violation of one head component. */
export interface SbomViolation {
  purl: string;
  rule: SbomRule;
  message: string;
}

/**
 * Checks the components a change introduces: denied packages (by versionless purl or name),
 * denied licenses and, unless off, copyleft licenses that the component did not already carry.
 * A license expression counts only when every `OR` alternative needs such a license: `MIT OR
 * GPL-3.0-only` leaves the permissive choice open.
 */
export function checkSbomPolicy(introduced: { component: SbomComponent; before?: SbomComponent }[], policy: SbomPolicy): SbomViolation[] {
  const deniedPackages = new Set(policy.deniedPackages.map((p) => (p.startsWith('pkg:') ? packageKey(p) : p)));
  const denied = new Set(policy.deniedLicenses.map((l) => l.toLowerCase()));
  const copyleft = policy.copyleft === 'off' ? [] : policy.copyleft === 'all' ? [...STRONG_COPYLEFT, ...WEAK_COPYLEFT] : STRONG_COPYLEFT;
  const isCopyleft = (id: string): boolean => copyleft.some((prefix) => id.startsWith(prefix));
  const isDenied = (id: string): boolean => denied.has(id.toLowerCase());
  const violations: SbomViolation[] = [];
  for (const { component, before } of introduced) {
    const label = `${component.name}${component.version ? `@${component.version}` : ''}`;
    if (deniedPackages.has(packageKey(component.purl)) || deniedPackages.has(component.name)) {
      violations.push({ purl: component.purl, rule: 'denied-package', message: `${label} is a denied package` });
    }
    const deniedLicense = component.licenses.find((l) => requires(l, isDenied));
    if (deniedLicense) violations.push({ purl: component.purl, rule: 'denied-license', message: `${label} is licensed ${deniedLicense}, a denied license` });
    const copyleftLicense = component.licenses.find((l) => requires(l, isCopyleft));
    const hadCopyleft = before?.licenses.some((l) => requires(l, isCopyleft)) ?? false;
    if (copyleftLicense && !hadCopyleft) violations.push({ purl: component.purl, rule: 'copyleft-license', message: `${label} brings the copyleft license ${copyleftLicense}${before ? ` (was ${before.licenses.join(', ') || 'unlicensed'})` : ''}` });
  }
  return violations;
}

/** True when every `OR` alternative of an SPDX expression holds a license id matching `test`. */
function requires(expression: string, test: (id: string) => boolean): boolean {
  const alternatives = expression.replace(/[()]/g, ' ').split(/\s+OR\s+/i);
  return alternatives.every((alt) => alt.split(/\s+(?:AND|WITH)\s+|\s+/i).some((id) => id !== '' && test(id.replace(/\+$/, ''))));
}
