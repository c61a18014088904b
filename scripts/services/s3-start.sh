#!/usr/bin/env bash
# Starts a single-host Ceph RADOS Gateway (1 monitor, 1 OSD on a sparse bluestore file, 1 radosgw) on
# 127.0.0.1 for the tests of the S3 Object Lock store, and creates an S3 user.
# Usage: scripts/services/s3-start.sh DATA_DIR
# Env: S3_PORT, CEPH_MON_PORT (by default 17480 and 13310 plus an offset derived from DATA_DIR, so two
# checkouts on one machine do not collide), S3_ACCESS_KEY, S3_SECRET_KEY, SKIP_INSTALL=1.
# Installs the Debian packages when missing, is idempotent (a running cluster is reused, a stopped one
# restarted with its data), and prints S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY lines.
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
offset=$(( $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 500 ))
s3_port=${S3_PORT:-$(( 17480 + offset ))}
mon_port=${CEPH_MON_PORT:-$(( 13310 + offset ))}
access_key=${S3_ACCESS_KEY:-MAESTROTESTACCESSKEY}
secret_key=${S3_SECRET_KEY:-maestro-test-secret-key-not-for-production}
conf=$dir/ceph.conf
say() { echo "[s3] $*" >&2; }

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  for bin in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph curl; do
    command -v "$bin" >/dev/null 2>&1 && continue
    say "installing Ceph (mon, osd, radosgw) from Debian"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl >&2
    break
  done
fi

# A daemon counts as ours only when its recorded pid runs with this data folder's config.
# A daemon of this folder whose pid file was lost (a stop cut off by a crash) is adopted, not fought over its port.
running() {
  local pidfile=$dir/pids/$1.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && tr '\0' ' ' <"/proc/$(cat "$pidfile")/cmdline" | grep -qF -- "$conf"; then return 0; fi
  local bin pid
  case $1 in mon) bin=ceph-mon ;; osd) bin=ceph-osd ;; rgw) bin=radosgw ;; esac
  pid=$(pgrep -n -f -- "^$bin .*-c $conf( |\$)" || true)
  [ -n "$pid" ] || return 1
  mkdir -p "$dir/pids" && echo "$pid" >"$pidfile"
}
start_daemon() {
  local name=$1; shift
  nohup "$@" -c "$conf" -f </dev/null >"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}
await() {
  local seconds=$1 name=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    running "$name" || { say "$name exited while starting: see $dir/log/$name.out and $dir/log/"; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { say "$name not ready within $seconds s: see $dir/log/"; exit 1; }
    sleep 0.2
  done
}
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
mon_ready() { ceph -c "$conf" --connect-timeout 3 mon stat; }
osd_ready() { ceph -c "$conf" --connect-timeout 3 osd stat -f json | grep -q '"num_up_osds":1'; }
rgw_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$s3_port/")" = 200 ]; }
settings() {
  printf 'S3_ENDPOINT=http://127.0.0.1:%s\nS3_REGION=us-east-1\nS3_ACCESS_KEY=%s\nS3_SECRET_KEY=%s\nS3_FORCE_PATH_STYLE=true\n' "$s3_port" "$access_key" "$secret_key"
}

if running mon && running osd && running rgw; then settings; exit 0; fi
running mon || ! port_taken "$mon_port" || { say "port $mon_port on 127.0.0.1 is in use by another program (set CEPH_MON_PORT)"; exit 1; }
running rgw || ! port_taken "$s3_port" || { say "port $s3_port on 127.0.0.1 is in use by another program (set S3_PORT)"; exit 1; }
mkdir -p "$dir/log" "$dir/run" "$dir/rgw" "$dir/pids"

if [ ! -f "$conf" ]; then
  fsid=$(cat /proc/sys/kernel/random/uuid)
  # Loopback only and no cephx: nothing else can reach it. ms_mon_client_mode=crc is required with auth
  # none, or radosgw (default "secure") never reaches the monitor. One OSD: pools of size 1 and few PGs.
  cat >"$conf.tmp" <<CONF
[global]
fsid = $fsid
mon_host = v2:127.0.0.1:$mon_port
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
run_dir = $dir/run
admin_socket = $dir/run/\$name.asok
log_file = $dir/log/\$name.log
mon_data = $dir/\$name
osd_data = $dir/\$name
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_data_avail_warn = 1
mon_data_avail_crit = 0
mon_warn_on_insecure_global_id_reclaim_allowed = false

[osd]
osd_objectstore = bluestore
bluestore_block_create = true
bluestore_block_size = 10737418240
bluestore_cache_autotune = false
bluestore_cache_size = 134217728
osd_memory_target = 939524096

[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:$s3_port
rgw_data = $dir/rgw
rgw_thread_pool_size = 64
CONF
  mv "$conf.tmp" "$conf"
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >"$dir/log/mkfs.out" 2>&1
fi

running mon || start_daemon mon ceph-mon -i a
await 30 mon mon_ready
if [ ! -f "$dir/osd.0/whoami" ]; then
  mkdir -p "$dir/osd.0"
  uuid=$(cat /proc/sys/kernel/random/uuid)
  id=$(ceph -c "$conf" osd new "$uuid")
  [ "$id" = 0 ] || { say "ceph gave OSD id $id, expected 0: purge $dir and start again"; exit 1; }
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$uuid" >>"$dir/log/mkfs.out" 2>&1
fi
running osd || start_daemon osd ceph-osd -i 0
await 60 osd osd_ready
running rgw || start_daemon rgw radosgw -n client.rgw.a
await 120 rgw rgw_ready
radosgw-admin -c "$conf" user info --uid=maestro-test >/dev/null 2>&1 ||
  radosgw-admin -c "$conf" user create --uid=maestro-test --display-name=maestro-test --access-key="$access_key" --secret-key="$secret_key" >/dev/null
settings
