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

# The root action's committed bundle, as a runner runs it (it must fail the failing example).
tmp=$(mktemp -d)
: > "$tmp/output"; : > "$tmp/summary"
set +e
env GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=examples/pr-failing/event.json GITHUB_OUTPUT="$tmp/output" \
  GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp" INPUT_EVIDENCE=examples/pr-failing/evidence \
  INPUT_CONFIG=examples/maestro.yml "$node24" actions/enforce-gates/dist/index.js > "$tmp/log"
code=$?
set -e
grep -q '^failure$' "$tmp/output" && [ "$code" -eq 1 ] || { echo "action bundle on Node 24: exit $code" >&2; cat "$tmp/log" >&2; exit 1; }
echo "actions/enforce-gates/dist ran on $("$node24" --version)"

# The CLI's compile cache works on Node 24 too: a run writes it, the next run reads it and prints the same.
cc=$(mktemp -d)
first=$(MAESTRO_COMPILE_CACHE="$cc" "$node24" bin/maestro.cjs gate --event examples/pr-passing/event.json --evidence examples/pr-passing/evidence --changed-files examples/pr-passing/changed-files.txt \
  --config examples/maestro.yml --links examples/pr-passing/links.json --now 2026-11-20T12:00:00Z)
ls "$cc/$("$node24" --version)-x64/"*.v8 >/dev/null || { echo "no compile cache written on Node 24" >&2; exit 1; }
second=$(MAESTRO_COMPILE_CACHE="$cc" "$node24" bin/maestro.cjs gate --event examples/pr-passing/event.json --evidence examples/pr-passing/evidence --changed-files examples/pr-passing/changed-files.txt \
  --config examples/maestro.yml --links examples/pr-passing/links.json --now 2026-11-20T12:00:00Z)
[ "$first" = "$second" ] || { echo "compile cache changed the output on Node 24" >&2; exit 1; }
echo "compile cache written and reused on $("$node24" --version)"

# The gate actions' bundles on Node 24: the k6 gate evaluates a summary and writes its report.
gate=$(mktemp -d)
: > "$gate/output"; : > "$gate/summary"
set +e
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_SUMMARY=test/fixtures/k6/handle-summary.json INPUT_UPLOAD=false "$node24" actions/k6/dist/index.js > "$gate/log"
code=$?
set -e
grep -q '^fail$' "$gate/output" && [ "$code" -eq 1 ] && [ -s "$gate/maestro-evidence-k6/k6-summary.json" ] || { echo "k6 action bundle on Node 24: exit $code" >&2; cat "$gate/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_SLIS=test/fixtures/slo/precomputed.json INPUT_UPLOAD=false "$node24" actions/slo/dist/index.js > "$gate/log" \
  || { echo "slo action bundle on Node 24 failed" >&2; cat "$gate/log" >&2; exit 1; }
env GITHUB_REPOSITORY=acme/shop GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_OUTPUT="$gate/output" GITHUB_STEP_SUMMARY="$gate/summary" \
  RUNNER_TEMP="$gate" INPUT_RESULTS=test/fixtures/a11y/axe-results.json INPUT_BASELINE=test/fixtures/a11y/base-axe-results.json INPUT_UPLOAD=false \
  "$node24" actions/a11y/dist/index.js > "$gate/log" || { echo "a11y action bundle on Node 24 failed" >&2; cat "$gate/log" >&2; exit 1; }
echo "actions/k6/dist, actions/slo/dist and actions/a11y/dist ran on $("$node24" --version)"
