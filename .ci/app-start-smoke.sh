#!/usr/bin/env bash
# The built App starts as `npm start` starts it and serves /healthz on Node 20 (the machine's), 22 and
# 24 (from the npm registry, cached under .ci/.cache/node<major>): what users run, on what they run it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/check-app-starts.ts
for major in 22 24; do
  cache=.ci/.cache/node$major
  if [ ! -x "$cache/node_modules/node/bin/node" ]; then
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock "node@$major" >/dev/null
  fi
  npx tsx scripts/check-app-starts.ts "$(cd "$cache/node_modules/node/bin" && pwd)/node"
done
