/**
 * Example command lines shown in docs/reference/cli.md, keyed by a command's words (`evidence bundle`).
 * A command without an entry here still gets a section and an example built from its required
 * options; add a real one when a command is added.
 */
export const CLI_EXAMPLES: Record<string, string[]> = {
  init: ['maestro init --dry-run', 'maestro init --dir ../acme-dot-github --org'],
  'portal build': ["maestro portal build --store 's3://acme-evidence/web?region=eu-west-1' --key release.pub.pem --out site"],
  'portal serve': ['maestro portal serve site --port 8080'],
  gate: [
    'maestro gate --event "$GITHUB_EVENT_PATH" --evidence maestro-evidence --changed-files changed.txt',
    'maestro gate --event examples/pr-failing/event.json --evidence examples/pr-failing/evidence \\\n  --config examples/maestro.yml --waivers examples/pr-failing/waivers.json --now 2026-11-20T12:00:00Z --format json',
  ],
  validate: ['maestro validate reports/a11y.json reports/k6/'],
  'controls list': ['maestro controls list --format markdown'],
  'controls show': ['maestro controls show GA-25'],
  drift: [
    'maestro drift --template templates --repo . --format json --repo-name acme/web --sha "$(git rev-parse HEAD)"',
    'maestro drift --template templates --repo . --fix',
  ],
  scoreboard: [
    'maestro scoreboard --input merged-pulls.json --badges site/badges',
    'GITHUB_TOKEN=... maestro scoreboard --github acme,partner/sdk --days 30 --badges site/badges --fail-under 90',
  ],
  'evidence bundle': [
    "ig-evidence --release v1.2.0 --artifacts maestro-evidence --out bundle/v1.2.0 \\\n  --previous-release v1.1.0 --sign keyless --store 's3://acme-evidence/web?region=eu-west-1&retain-days=2555'",
  ],
  verify: [
    "ig-verify 's3://acme-evidence/web/v1.2.0?region=eu-west-1' \\\n  --identity https://github.com/acme/web/.github/workflows/release-evidence.yml@refs/tags/v1.2.0 \\\n  --issuer https://token.actions.githubusercontent.com",
    'maestro verify bundle/v1.2.0 --key release.pub.pem --offline',
  ],
  'drill worm': ["maestro drill worm --store 's3://acme-evidence/web?region=eu-west-1' --out drill-report.json"],
  'drill restore': ["maestro drill restore --store 's3://acme-evidence/web?region=eu-west-1' --rto PT4H --rpo P1D --key release.pub.pem --out drill-report.json"],
  'drill incident': ['GITHUB_TOKEN=... maestro drill incident --repo acme/web --ack-target PT15M --out drill-report.json'],
  'schema-diff': ['maestro schema-diff --new schema.graphql --old origin/main:schema.graphql --operations client/operations --out schema-diff.json'],
  'verify-attestation': [
    'maestro verify-attestation --artifact dist/app.tgz --bundle dist/app.tgz.sigstore.json \\\n  --identity ^https://github.com/acme/app/.github/workflows/release.yml@ --issuer https://token.actions.githubusercontent.com',
  ],
  'sbom-diff': ['maestro sbom-diff --base base-sbom.json --head sbom.json --deny-license AGPL-3.0-only --deny-package pkg:npm/left-pad'],
  k6: ["maestro k6 --summary summary.json --threshold 'http_req_duration{scenario:checkout}:p(95)<300' --baseline baseline/summary.json"],
  slo: [
    'MAESTRO_PROMETHEUS_AUTHORIZATION="Bearer $TOKEN" maestro slo --slo slo/slos.yml --prometheus https://prometheus.example --out slo-burn.json',
    'maestro slo --slis precomputed.json --previous last-slo-burn.json',
  ],
  a11y: [
    'maestro a11y --results axe-results.json --baseline base-a11y.json --out a11y.json',
    'maestro a11y --url https://staging.example/ --url https://staging.example/checkout --allow-host staging.example --out reports/a11y.json',
  ],
  'ledger verify': [
    "maestro ledger verify 's3://acme-evidence/ledger?region=eu-west-1' --key ledger-key.pub.pem \\\n  --witness 's3://acme-evidence/web/v1.2.0?region=eu-west-1'",
    'maestro ledger verify file:///var/lib/maestro/ledger --key ledger-key.pub.pem --expect-head 1234:9f86d081...',
  ],
  'ledger export': ["maestro ledger export 's3://acme-evidence/ledger?region=eu-west-1' --key ledger-key.pub.pem --format csv --since 2026-11-01 --out audit.csv"],
  'ledger seal': ["maestro ledger seal 's3://acme-evidence/ledger?region=eu-west-1' --sign key:ledger-key.pem"],
  'ledger append': ['maestro ledger append file:///var/lib/maestro/ledger --event event.json'],
};
