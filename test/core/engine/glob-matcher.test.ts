import { describe, expect, it } from '@jest/globals';
import picomatch from 'picomatch';
import { matchesGlob, requiredLiteral } from '../../../core/engine/glob-matcher.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';

const paths = [
  'README.md', 'package.json', 'web/package.json', 'web/src/App.tsx', 'web/src/app.test.tsx', '.github/workflows/ci.yml', '.github/workflows/release.yaml',
  'services/serving/pricing.py', 'serving/x.py', 'k6/load.js', 'load.k6.ts', 'policies/rbac/allow.rego', 'infra/evidence-bucket/main.tf', 'Dockerfile', 'docker/Dockerfile.prod',
  'schema/schema.graphql', 'api/openapi.yaml', 'api/orders.openapi.json', 'playwright.config.ts', 'e2e/login.spec.ts', 'charts/web/values.yaml', 'runbooks/dr/failover.md',
  '.env.production', 'config/flags/checkout.flags.yml', 'src/auth/oidc/callback.ts', 'monitoring/prometheus/rules/slo.yml', 'a/b/c/d/e/f.css', 'CHANGELOG.md', 'controls/ga-01.yml',
];

describe('matchesGlob', () => {
  const globs = [...new Set(defaultCatalog.controls.flatMap((c) => c.applies.paths ?? []).concat(['**/*.{tsx,jsx}', 'web/**', '!docs/**', '*.md', 'src/@(a|b)/**']))];

  it.each(globs.map((g) => [g]))('agrees with picomatch for %s', (glob) => {
    const reference = picomatch(glob, { dot: true });
    for (const path of paths) expect([path, matchesGlob(glob, path)]).toEqual([path, reference(path)]);
  });
});

describe('requiredLiteral', () => {
  it.each([
    ['**/serving/**', 'serving'],
    ['**/*.k6.{js,ts}', '.k6.'],
    ['playwright.config.{ts,js,mjs}', 'playwright.config.'],
    ['.github/workflows/**', '.github/workflows'],
    ['**/*.{tsx,jsx}', ''],
    ['!docs/**', ''],
  ])('of %s is %j', (glob, literal) => {
    expect(requiredLiteral(glob)).toBe(literal);
  });
});
