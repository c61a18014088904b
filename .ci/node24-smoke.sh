#!/usr/bin/env bash
# Runs the built CLI on the examples with Node 24, as GitHub-hosted runners have it, besides the
# machine's own Node. Node 24 comes from the npm registry (package node@24), cached under .ci/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.ci/.cache/node24
if [ ! -x "$cache/node_modules/node/bin/node" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock node@24 >/dev/null
fi
node24="$(cd "$cache/node_modules/node/bin" && pwd)/node"
echo "node $("$node24" --version)"
PATH="$(dirname "$node24"):$PATH" bash examples/run.sh >/dev/null
echo "examples/run.sh passed on $("$node24" --version)"

# The root action's committed bundle, as a runner runs it (it must fail the failing example), deciding as
# of the examples' time like examples/run.sh: freshness and waivers then do not depend on today's date.
tmp=$(mktemp -d)
: > "$tmp/output"; : > "$tmp/summary"
set +e
env GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=examples/pr-failing/event.json GITHUB_OUTPUT="$tmp/output" \
  GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp" INPUT_EVIDENCE=examples/pr-failing/evidence \
  INPUT_CONFIG=examples/maestro.yml INPUT_NOW=2026-11-20T12:00:00Z "$node24" actions/dist/enforce-gates.js > "$tmp/log"
code=$?
set -e
grep -q '^failure$' "$tmp/output" && [ "$code" -eq 1 ] || { echo "action bundle on Node 24: exit $code" >&2; cat "$tmp/log" >&2; exit 1; }
echo "actions/dist/enforce-gates.js ran on $("$node24" --version)"

# The CLI's compile cache works on Node 24 too: a run writes it, the next run reads it and prints the same.
cc=$(mktemp -d)
first=$(MAESTRO_COMPILE_CACHE="$cc" "$node24" bin/maestro.cjs gate --event examples/pr-passing/event.json --evidence examples/pr-passing/evidence --changed-files examples/pr-passing/changed-files.txt \
  --config examples/maestro.yml --links examples/pr-passing/links.json --now 2026-11-20T12:00:00Z)
ls "$cc/$("$node24" --version)-x64/"*.v8 >/dev/null || { echo "no compile cache written on Node 24" >&2; exit 1; }
second=$(MAESTRO_COMPILE_CACHE="$cc" "$node24" bin/maestro.cjs gate --event examples/pr-passing/event.json --evidence examples/pr-passing/evidence --changed-files examples/pr-passing/changed-files.txt \
  --config examples/maestro.yml --links examples/pr-passing/links.json --now 2026-11-20T12:00:00Z)
[ "$first" = "$second" ] || { echo "compile cache changed the output on Node 24" >&2; exit 1; }
echo "compile cache written and reused on $("$node24" --version)"

# Release evidence on Node 24: build and sign a bundle of the examples with the CLI, verify it, and
# run the evidence-bundle action's committed bundle as a runner does.
ev=$(mktemp -d)
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > "$ev/key.pem"
openssl ec -in "$ev/key.pem" -pubout -out "$ev/pub.pem" 2>/dev/null
"$node24" bin/ig-evidence.cjs --release v0.0.0 --artifacts examples/pr-passing/evidence --out "$ev/v0.0.0" --repo acme/web \
  --commit "$(printf 'c%.0s' $(seq 40))" --created-at 2026-11-20T12:00:00Z --sign "key:$ev/key.pem" >/dev/null
"$node24" bin/ig-verify.cjs "$ev/v0.0.0" --key "$ev/pub.pem" --offline >/dev/null || { echo "ig-verify failed on Node 24" >&2; exit 1; }
: > "$ev/output"; : > "$ev/summary"
env GITHUB_OUTPUT="$ev/output" GITHUB_STEP_SUMMARY="$ev/summary" RUNNER_TEMP="$ev" GITHUB_REPOSITORY=acme/web GITHUB_SHA="$(git rev-parse HEAD)" \
  GITHUB_REF_NAME=v0.0.1 GITHUB_WORKSPACE="$PWD" INPUT_ARTIFACTS=examples/pr-passing/evidence INPUT_SIGN=none \
  "$node24" actions/dist/evidence-bundle.js > "$ev/log" || { echo "evidence-bundle action failed on Node 24" >&2; cat "$ev/log" >&2; exit 1; }
grep -q '^manifest-sha256<<' "$ev/output" || { echo "evidence-bundle action set no outputs on Node 24" >&2; exit 1; }
echo "release evidence bundle built, verified and run as an action on $("$node24" --version)"

# The schema-diff, attestation and SBOM diff gates on Node 24: CLI and committed action bundles.
sha=$(printf 'a%.0s' $(seq 40))
"$node24" bin/maestro.cjs sbom-diff --base test/fixtures/sbom/express-4.17.1/npm-sbom.cdx.json --head test/fixtures/sbom/express-4.21.2/npm-sbom.spdx.json --repo acme/web --sha "$sha" > /dev/null
"$node24" bin/maestro.cjs schema-diff --old node_modules/octokit-graphql-schema-v14/schema.graphql --new node_modules/@octokit/graphql-schema/schema.json --repo acme/api --sha "$sha" --labels approved-breaking-change > /dev/null
rw=${MAESTRO_REALWORLD_DIR:-../shared/realworld}
if [ ! -d "$rw" ] && origin=$(git config --get remote.origin.url) && [ -d "$origin/../shared/realworld" ]; then rw="$origin/../shared/realworld"; fi
[ -d "$rw" ] || { echo "real-world samples $rw missing: check out beside shared/ or set MAESTRO_REALWORLD_DIR" >&2; exit 1; }
att=$(mktemp -d)
cp "$rw"/sigstore/gundam-visor-1.0.1/gundam-visor-1.0.1.tgz "$att/"
"$node24" bin/maestro.cjs verify-attestation --artifact "$att/gundam-visor-1.0.1.tgz" --bundle "$rw"/sigstore/gundam-visor-1.0.1/provenance.sigstore.json \
  --identity '^https://github.com/ramonpetgrave64/' --issuer https://token.actions.githubusercontent.com --repo acme/web --sha "$sha" > /dev/null
: > "$tmp/output"
env GITHUB_REPOSITORY=acme/web GITHUB_SHA="$sha" GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp" INPUT_UPLOAD=false \
  INPUT_ARTIFACTS="$att/gundam-visor-1.0.1.tgz" INPUT_BUNDLES="$rw"/sigstore/gundam-visor-1.0.1/attestations.json \
  INPUT_IDENTITY='^https://github.com/ramonpetgrave64/' INPUT_ISSUER=https://token.actions.githubusercontent.com "$node24" actions/dist/attestation.js > "$tmp/log" \
  || { echo "actions/attestation bundle on Node 24 failed" >&2; cat "$tmp/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/web GITHUB_SHA="$sha" GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp" INPUT_UPLOAD=false \
  INPUT_BASE=test/fixtures/sbom/express-4.17.1/npm-sbom.cdx.json INPUT_HEAD=test/fixtures/sbom/express-4.21.2/npm-sbom.cdx.json "$node24" actions/dist/sbom-diff.js > "$tmp/log" \
  || { echo "actions/sbom-diff bundle on Node 24 failed" >&2; cat "$tmp/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/api GITHUB_SHA="$sha" GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp" INPUT_UPLOAD=false \
  INPUT_SCHEMA=node_modules/@octokit/graphql-schema/schema.json INPUT_OLD-SCHEMA=node_modules/octokit-graphql-schema-v14/schema.graphql INPUT_APPROVAL-LABEL=x "$node24" actions/dist/schema-diff.js > "$tmp/log" \
  && { echo "actions/schema-diff bundle on Node 24 passed 4 breaking changes" >&2; exit 1; }
grep -q 'breaking<<' "$tmp/output" || { echo "actions/schema-diff bundle on Node 24 did not report" >&2; cat "$tmp/log" >&2; exit 1; }
echo "schema-diff, verify-attestation and sbom-diff (CLI and action bundles) ran on $("$node24" --version)"

# The gate actions' bundles on Node 24: the k6 gate evaluates a summary and writes its report.
gate=$(mktemp -d)
: > "$gate/output"; : > "$gate/summary"
set +e
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_SUMMARY=test/fixtures/k6/handle-summary.json INPUT_UPLOAD=false "$node24" actions/dist/k6.js > "$gate/log"
code=$?
set -e
grep -q '^fail$' "$gate/output" && [ "$code" -eq 1 ] && [ -s "$gate/maestro-evidence-k6/k6-summary.json" ] || { echo "k6 action bundle on Node 24: exit $code" >&2; cat "$gate/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_SLIS=test/fixtures/slo/precomputed.json INPUT_UPLOAD=false "$node24" actions/dist/slo.js > "$gate/log" \
  || { echo "slo action bundle on Node 24 failed" >&2; cat "$gate/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_RESULTS=test/fixtures/a11y/axe-results.json INPUT_BASELINE=test/fixtures/a11y/base-axe-results.json INPUT_UPLOAD=false \
  "$node24" actions/dist/a11y.js > "$gate/log" || { echo "a11y action bundle on Node 24 failed" >&2; cat "$gate/log" >&2; exit 1; }
echo "actions/dist/k6.js, slo.js and a11y.js ran on $("$node24" --version)"

# The audit ledger on Node 24: the example verifies (with its seals' signatures) and exports.
"$node24" bin/maestro.cjs ledger verify examples/ledger --key examples/ledger/example-signing-key.pub.pem >/dev/null || { echo "maestro ledger verify failed on Node 24" >&2; exit 1; }
[ "$("$node24" bin/maestro.cjs ledger export examples/ledger --key examples/ledger/example-signing-key.pub.pem --format csv | wc -l)" -eq 8 ] || { echo "maestro ledger export failed on Node 24" >&2; exit 1; }
echo "audit ledger verified and exported on $("$node24" --version)"
