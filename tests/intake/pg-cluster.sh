# Sourced by intake tests: a throwaway PostgreSQL cluster from Debian's postgresql package,
# initdb'd into a temporary directory as an unprivileged user (postgres refuses root), on
# a random loopback port, trust auth on loopback only. pg_cluster_start sets PG_PORT and
# PG_CONNINFO_BASE (its own directory under /tmp, so the postgres user can reach it);
# pg_cluster_stop stops it and removes the directory: call it from the EXIT trap.
pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_start() {
  PG_DIR=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
  local bin
  bin=$(pg_bindir) || { echo "FAIL: PostgreSQL server binaries not found (apt install postgresql)" >&2; return 1; }
  PG_BIN=$bin
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; chmod 700 "$PG_DIR"; fi
  pg_as "$bin/initdb" -D "$PG_DIR/data" -A trust -U intake --no-sync >/dev/null
  local try
  for try in 1 2 3 4 5; do
    PG_PORT=$(( 20000 + RANDOM % 30000 ))
    if pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c max_connections=100" \
        start >/dev/null; then
      PG_CONNINFO_BASE="host=127.0.0.1 port=$PG_PORT user=intake"
      return 0
    fi
  done
  cat "$PG_DIR/log" >&2
  return 1
}

pg_createdb() {
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U intake "$1"
}

pg_cluster_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${PG_DIR:-}" ]; then rm -rf "$PG_DIR"; fi
}
