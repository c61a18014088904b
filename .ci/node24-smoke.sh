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
