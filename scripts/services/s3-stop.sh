#!/usr/bin/env bash
# Stops the Ceph daemons that s3-start.sh started for DATA_DIR (only the pids it recorded, radosgw first,
# the monitor last). `--purge` also deletes DATA_DIR: locked objects cannot be deleted any other way.
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR [--purge]}
[ -d "$dir" ] || exit 0
dir=$(cd "$dir" && pwd)
for name in rgw osd mon; do
  pidfile=$dir/pids/$name.pid
  case $name in mon) bin=ceph-mon ;; osd) bin=ceph-osd ;; rgw) bin=radosgw ;; esac
  # The recorded pid, or a daemon of this folder whose pid file was lost.
  if [ -f "$pidfile" ]; then pid=$(cat "$pidfile"); else pid=$(pgrep -n -f -- "^$bin .*-c $dir/ceph.conf( |\$)" || true); fi
  [ -n "$pid" ] || continue
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/ceph.conf"; then
    kill -TERM "$pid"
    # radosgw can ignore SIGTERM once its OSD is gone: escalate after 10 s.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$pidfile"
done
[ "${2:-}" != --purge ] || rm -rf "$dir"
