#!/usr/bin/env bash
# CI and local tests: a real PostgreSQL streaming standby (hot standby, read-only) of the local server
# on 127.0.0.1:5432, for the read-replica tests (issue 20): a read pool is only tested honestly
# against a server that lags, pauses and stops like a replica does.
#
#   .ci/standby.sh [--start]   (the default) make sure the standby runs on 127.0.0.1:5433 and streams:
#                              nothing to do if it already does; start it if its data directory
#                              exists; else take a base backup of the primary (pg_basebackup -R)
#                              and start that. Then wait until it is in recovery and the primary
#                              shows it streaming, or fail with the end of its log.
#   .ci/standby.sh --stop      stop the standby (fast shutdown); nothing to do if it is not running.
#                              Its data directory stays: the next --start resumes streaming.
#
# The primary is never stopped nor restarted (other tests use it): the script only adds
# `host replication all 127.0.0.1/32 trust` to its pg_hba.conf when no such line is there, and reloads
# it. It needs wal_level replica or logical and max_wal_senders > 0, which PostgreSQL's defaults give.
# The standby uses no replication slot, so that a standby left stopped never holds the primary's WAL;
# if it stays stopped until the primary has recycled the WAL it needs (or the primary was initialised
# anew), --start takes a new base backup instead.
# Run as root (the server commands run as the postgres user) or as postgres.
# STANDBY_PORT (default 5433), STANDBY_DIR (default /var/lib/postgresql/standby-$STANDBY_PORT) and
# STANDBY_TIMEOUT (seconds to wait for streaming, default 60) change the defaults.
set -euo pipefail
start=$SECONDS

action=start
case "${1:-}" in
  "" | --start) ;;
  --stop) action=stop ;;
  *) echo "usage: $0 [--start | --stop]" >&2; exit 2 ;;
esac

primary_port=5432
port=${STANDBY_PORT:-5433}
dir=${STANDBY_DIR:-/var/lib/postgresql/standby-$port}
log="$dir.log"
timeout=${STANDBY_TIMEOUT:-60}
# The standby's cluster_name, which its WAL receiver sends as application_name: the primary's
# pg_stat_replication row of this standby is the one with this name.
name="standby-$port"

fail() {
  echo "standby: FAIL: $*"
  if [ -f "$log" ]; then echo "--- the end of the standby's log ($log):"; tail -n 30 "$log"; fi
  exit 1
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

sql() {
  local on=$1
  shift
  psql -X -q -At -h 127.0.0.1 -p "$on" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$*"
}

pg_isready -q -h 127.0.0.1 -p "$primary_port" || fail "the primary is not answering on 127.0.0.1:$primary_port"
major=$(sql "$primary_port" "SELECT current_setting('server_version_num')::int / 10000")
bin=/usr/lib/postgresql/$major/bin
[ -x "$bin/pg_ctl" ] || fail "no PostgreSQL $major programs in $bin"

running() { [ -f "$dir/PG_VERSION" ] && as_postgres "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; }

if [ "$action" = stop ]; then
  if running; then
    as_postgres "$bin/pg_ctl" stop -D "$dir" -m fast -w -t "$timeout" >/dev/null || fail "the standby did not stop"
    echo "standby: stopped the standby on 127.0.0.1:$port"
  else
    echo "standby: no standby is running in $dir"
  fi
  echo "standby: done in $((SECONDS - start)) s"
  exit 0
fi

# --- 1. The primary accepts replication connections from 127.0.0.1 (a reload, never a restart). ---

[ "$(sql "$primary_port" "SHOW wal_level")" != minimal ] || fail "the primary has wal_level minimal: it needs a restart with replica"
[ "$(sql "$primary_port" "SHOW max_wal_senders")" -gt 0 ] || fail "the primary has max_wal_senders 0: it needs a restart with more"
hba=$(sql "$primary_port" "SHOW hba_file")
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
  printf '# Added by dbfilter'"'"'s .ci/standby.sh: the local streaming standby.\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
  [ "$(sql "$primary_port" "SELECT pg_reload_conf()")" = t ] || fail "the primary did not reload its configuration"
  echo "standby: added a host replication line to $hba and reloaded the primary"
fi

# --- 2. The standby: running, started, or made from a base backup. ---

streams() {
  [ "$(sql "$port" "SELECT pg_is_in_recovery()" 2>/dev/null)" = t ] \
    && [ "$(sql "$primary_port" "SELECT count(*) FROM pg_stat_replication
                                 WHERE application_name = '$name' AND state = 'streaming'")" -gt 0 ]
}

# A standby left stopped too long finds the WAL it needs gone from the primary: it never catches up.
wal_gone() { grep -q 'has already been removed' "$log" 2>/dev/null; }

# Waits until the standby streams; returns 1 on time-out or if the standby stopped.
wait_streaming() {
  local began=$SECONDS
  while [ $((SECONDS - began)) -lt "$timeout" ]; do
    streams && return 0
    running || return 1
    wal_gone && return 1
    sleep 1
  done
  streams
}

# The primary's data directory and configuration are elsewhere (Debian keeps the configuration in
# /etc): the backup gets a configuration of its own, with the same authentication as the primary's and
# at least the primary's limits that a hot standby must match.
base_backup() {
  local new="$dir.new" setting
  rm -rf "$new"
  as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$new" -R -X stream -c fast \
    || fail "pg_basebackup from 127.0.0.1:$primary_port failed"
  as_postgres cp "$hba" "$new/pg_hba.conf"
  as_postgres cp "$(sql "$primary_port" "SHOW ident_file")" "$new/pg_ident.conf"
  {
    echo "# Written by dbfilter's .ci/standby.sh: a hot standby of 127.0.0.1:$primary_port."
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "hot_standby = on"
    echo "cluster_name = '$name'"
    echo "unix_socket_directories = '$(sql "$primary_port" "SHOW unix_socket_directories")'"
    for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
      max_locks_per_transaction; do
      echo "$setting = $(sql "$primary_port" "SELECT setting FROM pg_settings WHERE name = '$setting'")"
    done
  } | as_postgres tee "$new/postgresql.conf" >/dev/null
  mv "$new" "$dir"
  echo "standby: base backup of 127.0.0.1:$primary_port in $dir"
}

# Each start has a log of its own: what went wrong before does not count now.
start_standby() {
  : >"$log"
  chown postgres: "$log"
  as_postgres "$bin/pg_ctl" start -D "$dir" -l "$log" -W >/dev/null || fail "pg_ctl could not start the standby"
  echo "standby: started the standby on 127.0.0.1:$port (log: $log)"
}

if running; then
  streams && { echo "standby: the standby on 127.0.0.1:$port already streams"; echo "standby: done in $((SECONDS - start)) s"; exit 0; }
  echo "standby: the standby on 127.0.0.1:$port runs but does not stream yet"
else
  if pg_isready -q -h 127.0.0.1 -p "$port"; then
    fail "another server answers on 127.0.0.1:$port, not the standby in $dir"
  fi
  if [ -f "$dir/PG_VERSION" ]; then
    ours=$(as_postgres "$bin/pg_controldata" -D "$dir" | sed -n 's/^Database system identifier: *//p')
    theirs=$(sql "$primary_port" "SELECT system_identifier FROM pg_control_system()")
    if [ "$ours" != "$theirs" ]; then
      echo "standby: $dir is a copy of another server (system identifier $ours, the primary's is $theirs)"
      rm -rf "$dir"
      base_backup
    fi
  else
    base_backup
  fi
  start_standby
fi

if ! wait_streaming; then
  if wal_gone; then
    echo "standby: the primary no longer has the WAL the standby needs: a new base backup"
    running && as_postgres "$bin/pg_ctl" stop -D "$dir" -m immediate -w >/dev/null
    rm -rf "$dir"
    base_backup
    start_standby
    wait_streaming || fail "the new standby on 127.0.0.1:$port did not stream within $timeout s"
  else
    fail "the standby on 127.0.0.1:$port did not stream within $timeout s"
  fi
fi
echo "standby: the standby on 127.0.0.1:$port is in recovery and streams from 127.0.0.1:$primary_port"
echo "standby: done in $((SECONDS - start)) s"
