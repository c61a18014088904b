#!/usr/bin/env bash
# Runs the gate on the two example pull requests with the embedded defaults (shipped catalog,
# local files only) and prints their gate notes. Exit 0 when both behave as expected:
# the passing PR passes (exit 0) and the failing PR fails (exit 1). `npm run example` builds the CLI
# (dist/cli) first and then runs this; it needs no app bundle, action bundle, network or cloud.
set -u
cd "$(dirname "$0")/.."
now=2026-11-20T12:00:00Z
echo "== examples/pr-passing =="
node bin/maestro.cjs gate --event examples/pr-passing/event.json --evidence examples/pr-passing/evidence \
  --changed-files examples/pr-passing/changed-files.txt --config examples/maestro.yml \
  --links examples/pr-passing/links.json --now "$now"
passing=$?
echo
echo "== examples/pr-failing =="
node bin/maestro.cjs gate --event examples/pr-failing/event.json --evidence examples/pr-failing/evidence \
  --changed-files examples/pr-failing/changed-files.txt --config examples/maestro.yml \
  --waivers examples/pr-failing/waivers.json --now "$now"
failing=$?
echo
echo "pr-passing: exit $passing (expected 0), pr-failing: exit $failing (expected 1)"
[ "$passing" -eq 0 ] && [ "$failing" -eq 1 ]
