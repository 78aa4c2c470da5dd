#!/usr/bin/env bash
# Prints the query plans of every public page at 50,000 resources, on SQLite and on PostgreSQL,
# so anyone can recheck that no page's cost grows with the number of items when it shows only a
# page of them. Each engine gets a new bulk site (c4c seed-bulk) in this run's own temporary
# files and PostgreSQL cluster; the plans go to bench/results/explain-ENGINE.md, with each page's
# queries, their times and their plans, full scans and sorts marked ⚠.
#
#   bench/explain.sh [--skip-build] [--engines sqlite,postgres] [--resources 50000]
#   DATABASE_URL=… bench/explain.sh --skip-build   # an existing, migrated database instead
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ENGINES="sqlite,postgres"
RESOURCES=50000
SKIP_BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --engines) ENGINES="$2"; shift ;;
    --resources) RESOURCES="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) fail "unknown option $1" ;;
  esac
  shift
done

BIN="$(release_binary)"
mkdir -p "$ROOT/bench/results"

# explain NAME DATABASE_URL: the plans of every public page, and their summary on the terminal.
explain() {
  local out="$ROOT/bench/results/explain-$1.md"
  step "$1: plans of the public pages"
  DATABASE_URL="$2" C4C_ROOT="$ROOT" "$BIN" explain-public-queries >"$WORK/plans.md"
  {
    echo "<!-- bench/explain.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), binary ${BIN#"$ROOT"/}; times are one request each on a shared machine -->"
    cat "$WORK/plans.md"
  } >"$out"
  sed -n '/^## Summary/,$p' "$out"
  echo "Every page, query and plan: ${out#"$ROOT"/}" >&2
}

if [ -n "${DATABASE_URL:-}" ]; then
  explain given "$DATABASE_URL"
  exit 0
fi

IFS=',' read -r -a ENGINE_LIST <<<"$ENGINES"
for engine in "${ENGINE_LIST[@]}"; do
  case "$engine" in
    sqlite) url="sqlite://$WORK/bulk.sqlite" ;;
    postgres) start_postgres; url="$(postgres_database c4c_bulk)" ;;
    *) fail "unknown engine $engine" ;;
  esac
  step "$engine: bulk site (c4c seed-bulk --resources $RESOURCES)"
  DATABASE_URL="$url" "$BIN" seed-bulk --resources "$RESOURCES" >&2
  explain "$engine" "$url"
done
