import { describe, expect, it } from '@jest/globals';
import { applyOrgPolicy, parseOrgPolicy, type OrgPolicy } from '../../../core/config/org-policy.js';
import { parseConfig } from '../../../core/config/parse-config.js';

const ORG = 'acme/.github:.github/maestro.yml';
const REPO = 'acme/web:.github/maestro.yml';

function policy(text: Record<string, unknown> | undefined): OrgPolicy | undefined {
  const parsed = parseOrgPolicy(text, ORG);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.policy;
}

describe('parseOrgPolicy', () => {
  it('reads mode and catalog only, with catalog defaults filled in', () => {
    expect(policy({ mode: 'enforce', catalog: { source: 'org' }, checkName: 'Org gate', thresholds: { a11y: { maxMinor: 2 } } })).toEqual({ source: ORG, mode: 'enforce', catalog: { source: 'org', mode: 'extend' } });
  });

  it('is no policy when the org has no config', () => {
    expect(parseOrgPolicy(undefined, ORG)).toEqual({ ok: true, policy: undefined });
  });

  it.each([
    ['an unknown mode', { mode: 'audit' }, 'mode'],
    ['an unknown catalog source', { catalog: { source: 'web' } }, 'catalog.source'],
    ['an unknown catalog key', { catalog: { source: 'org', path: 'x' } }, 'catalog.path'],
  ])('refuses %s, naming the org file and the key', (_what, value, key) => {
    const parsed = parseOrgPolicy(value, ORG);
    expect(parsed).toMatchObject({ ok: false, issues: [{ key, message: expect.stringMatching(/^acme\/\.github:\.github\/maestro\.yml: /) }] });
  });
});

describe('applyOrgPolicy', () => {
  it.each([
    ['the org enforces, the repo says nothing', '', { mode: 'enforce' as const }, 'enforce', ORG],
    ['the org reports only, the repo says nothing', '', { mode: 'report-only' as const }, 'report-only', ORG],
    ['the org reports only, the repo enforces (stricter is always allowed)', 'mode: enforce\n', { mode: 'report-only' as const }, 'enforce', undefined],
    ['no org mode, the repo reports only', 'mode: report-only\n', {}, 'report-only', undefined],
    ['no org config, the repo reports only', 'mode: report-only\n', undefined, 'report-only', undefined],
  ])('%s: %s', (_what, repoText, org, mode, modeSource) => {
    const result = applyOrgPolicy(parseConfig(repoText, REPO), org ? { source: ORG, ...org } : undefined);
    expect(result).toMatchObject({ ok: true, config: { mode } });
    expect(result.ok ? result.modeSource : 'not ok').toBe(modeSource);
  });

  it('refuses a repo config that relaxes the org\'s enforce to report-only: action_required naming the key, both files and the remedy', () => {
    const result = applyOrgPolicy(parseConfig('checkName: Gate\nmode: report-only\n', REPO), { source: ORG, mode: 'enforce' });
    expect(result).toEqual({
      ok: false,
      source: REPO,
      issues: [{ key: 'mode', line: 2, message: `report-only is set by ${REPO}, but ${ORG} sets mode: enforce, which a repository config may not relax; remove mode from the repository config, or ask the owner's admins to set mode: report-only in ${ORG}` }],
    });
  });

  it('gives every repository the org\'s catalog, and refuses a repository config that chooses its own', () => {
    const org: OrgPolicy = { source: ORG, catalog: { source: 'org', mode: 'extend' } };
    expect(applyOrgPolicy(parseConfig('checkName: Gate\n', REPO), org)).toMatchObject({ ok: true, config: { catalog: { source: 'org', mode: 'extend' } } });
    // The org's own file, merged into the repo's chain, sets the same catalog: accepted.
    expect(applyOrgPolicy(parseConfig('catalog:\n  source: org\n', REPO), org)).toMatchObject({ ok: true });
    const refused = applyOrgPolicy(parseConfig('catalog:\n  source: shipped\n', REPO), org);
    expect(refused).toMatchObject({ ok: false, issues: [{ key: 'catalog', line: 1, message: expect.stringContaining(`catalog is set by ${REPO}, but only ${ORG} chooses the catalog`) }] });
    expect(applyOrgPolicy(parseConfig('catalog:\n  source: org\n', REPO), undefined)).toMatchObject({ ok: false, issues: [{ key: 'catalog' }] });
  });

  it('changes the config digest when the org changes the mode, and not otherwise', () => {
    const repo = parseConfig('checkName: Gate\n', REPO);
    const same = applyOrgPolicy(repo, undefined);
    const changed = applyOrgPolicy(repo, { source: ORG, mode: 'report-only' });
    expect(same.ok && repo.ok && same.digest).toBe(repo.ok && repo.digest);
    expect(changed.ok && repo.ok && changed.digest).not.toBe(repo.ok && repo.digest);
  });
});
