# Shared by bench/run and bench/explain.sh: free ports, a throwaway PostgreSQL cluster, c4c
# servers that are waited for, and one trap that stops everything this run started.
# Sourced, not run.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$(mktemp -d /tmp/c4c-bench.XXXXXX)"
PIDS=()
PG_DIR=""
PG_BIN=""

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$PG_DIR" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  if [ -n "$PG_DIR" ]; then rm -rf "$PG_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The binary to measure: C4C_BIN if set, else the release build (built here unless --skip-build).
# bench/ceiling's release binary, built unless --skip-build.
ceiling_binary() {
  local dir="$ROOT/bench/ceiling"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    step "Building bench/ceiling (Hummingbird alone)"
    (cd "$dir" && swift build -c release) >&2 || fail "swift build -c release failed in bench/ceiling"
  fi
  local bin
  bin="$(cd "$dir" && swift build -c release --show-bin-path)/Ceiling"
  [ -x "$bin" ] || fail "no release binary at $bin (run without --skip-build)"
  echo "$bin"
}

release_binary() {
  if [ -n "${C4C_BIN:-}" ]; then
    [ -x "$C4C_BIN" ] || fail "C4C_BIN=$C4C_BIN is not an executable"
    echo "$C4C_BIN"
    return
  fi
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    step "Building the release binary"
    (cd "$ROOT" && swift build -c release --product c4c) >&2 || fail "swift build -c release failed"
  fi
  local bin
  bin="$(cd "$ROOT" && swift build -c release --show-bin-path)/c4c"
  [ -x "$bin" ] || fail "no release binary at $bin (run without --skip-build)"
  echo "$bin"
}

# Starts a PostgreSQL cluster of its own on a free port (as scripts/test does); sets PG_URL_BASE.
start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  [ -x "$PG_BIN/initdb" ] || fail "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin"
  PG_DIR="$(mktemp -d /tmp/c4c-bench-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  chown postgres "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/log" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  PG_URL_BASE="postgres://postgres@127.0.0.1:$PG_PORT"
}

# A new, empty database in the bench cluster; prints its DATABASE_URL.
postgres_database() {
  runuser -u postgres -- "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -c "CREATE DATABASE $1" postgres >/dev/null
  echo "$PG_URL_BASE/$1?sslmode=disable"
}

# start_server NAME DATABASE_URL [VAR=VALUE…]: starts `c4c serve` on a free port with the
# given environment, waits until it answers /healthz, and sets SERVER_PID, SERVER_URL and
# SERVER_READY_MS (from the start of the process to its first answered page).
start_server() {
  local name="$1" url="$2"
  shift 2
  local port log started
  port="$(free_port)"
  log="$WORK/$name.log"
  started="$(date +%s%N)"
  # No line per request (C4C_LOG_LEVEL=notice), as nginx runs here with access_log off.
  env DATABASE_URL="$url" C4C_ROOT="$ROOT" C4C_MAIL_DIR="$WORK/mail" C4C_LOG_LEVEL="${C4C_LOG_LEVEL:-notice}" "$@" "$BIN" serve --port "$port" >"$log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  SERVER_URL="http://127.0.0.1:$port"
  local tries=0
  until curl -fsS -o /dev/null "$SERVER_URL/" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; fail "$name stopped before answering"; }
    tries=$((tries + 1))
    [ "$tries" -lt 60000 ] || fail "$name did not answer within 10 minutes"
    sleep 0.01
  done
  SERVER_READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

stop_server() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# first_link URL PREFIX: the first item link on the page at URL under PREFIX/ (not a feed, a
# calendar, the past list or a series).
first_link() {
  local page
  page="$(curl -fsS "$1")" || return 0
  grep -o "href=\"$2/[^\"?#]*\"" <<<"$page" | sed -e 's/^href="//' -e 's/"$//' \
    | grep -v -E '/(past|feed\.xml)$|\.ics$|/series/|/cite\.' | head -1 || true
}
