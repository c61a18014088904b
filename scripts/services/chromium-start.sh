#!/usr/bin/env bash
# Makes Debian's chromium available to the accessibility gate's tests and prints its path as CHROMIUM_PATH=...
# Usage: scripts/services/chromium-start.sh DATA_DIR   (env: SKIP_INSTALL=1)
# No daemon: the gate launches its own headless browser per run (playwright-core, sandbox off when root,
# --disable-gpu). The script only installs the package when missing and checks that the binary runs.
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)

# The real binary; /usr/bin/chromium is a shell wrapper around it that also works as an executable path.
bin=/usr/lib/chromium/chromium
if [ "${SKIP_INSTALL:-0}" != 1 ] && [ ! -x "$bin" ]; then
  echo "[chromium] installing chromium from Debian" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
[ -x "$bin" ] || { echo "[chromium] $bin is missing: install Debian's chromium package" >&2; exit 1; }
"$bin" --headless --no-sandbox --disable-gpu --version >"$dir/version.txt" 2>"$dir/version.log" ||
  { echo "[chromium] $bin does not run: see $dir/version.log" >&2; exit 1; }
echo "[chromium] $(cat "$dir/version.txt")" >&2
echo "CHROMIUM_PATH=$bin"
