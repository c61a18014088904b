#!/usr/bin/env bash
# Counterpart of chromium-start.sh: no daemon runs, so it only removes DATA_DIR with --purge.
# Usage: scripts/services/chromium-stop.sh DATA_DIR [--purge]
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR [--purge]}
if [ "${2:-}" = --purge ]; then rm -rf "$dir"; fi
