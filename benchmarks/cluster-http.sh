#!/usr/bin/env bash
# Recommendations per second with one node and with two nodes on one PostgreSQL (issue 24), on
# loopback, the same client load (HttpLoad, 16 threads in total) in one run:
#   1. node 1 alone, 16 client threads;
#   2. nodes 1 and 2 together, 8 client threads each (two client pools, no balancer in between);
#   3. the baseline: one node on the embedded SQLite store, 16 threads, after the same warm-up.
# PostgreSQL is Debian's, started in a temporary directory (as nobody when run as root) with its
# durable defaults; the nodes load the demo data (node 2 with --no-demo). Needs the built jars:
#   mvn -B -q package -DskipTests
# Usage: benchmarks/cluster-http.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PG_BIN=${MATCHER_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
WORK=$(mktemp -d /tmp/cluster-http.XXXXXX)
PGPORT=$((20000 + RANDOM % 20000))
AS=()
if [ "$(id -u)" = 0 ]; then chown nobody:nogroup "$WORK"; AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
cleanup() {
  kill "${NODES[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
NODES=()
trap cleanup EXIT
"${AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE matcher"
export MATCHER_STORE="jdbc:postgresql://127.0.0.1:$PGPORT/matcher" MATCHER_STORE_USER=postgres
export MATCHER_ADMIN_KEY=cluster-bench-admin-key-0123456789
start_node() { # port, extra options
  local port=$1; shift
  "$JAVA" -Xmx1g -jar api/target/matcher.jar serve --port "$port" --data "$WORK/node-$port" \
    --rate 1000000 --burst 1000000 "$@" > "$WORK/node-$port.log" 2>&1 &
  NODES+=($!)
  for _ in $(seq 1 120); do
    grep -q "listening on" "$WORK/node-$port.log" && return 0
    sleep 1
  done
  cat "$WORK/node-$port.log"; exit 1
}
load() { "$JAVA" -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.HttpLoad "$@" "$MATCHER_ADMIN_KEY"; }
P1=$((40000 + RANDOM % 10000)); P2=$((P1 + 1))
start_node "$P1"
start_node "$P2" --no-demo
echo "machine: $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
echo "warm-up (both nodes, 20 s)"
load "http://127.0.0.1:$P1" 8 20 >/dev/null & W=$!
load "http://127.0.0.1:$P2" 8 20 >/dev/null; wait "$W"
sleep 1
echo "one node, 16 threads:"
ONE=$(load "http://127.0.0.1:$P1" 16 "$SECONDS_PER_RUN"); echo "  $ONE"
echo "two nodes, 8 threads each:"
load "http://127.0.0.1:$P1" 8 "$SECONDS_PER_RUN" > "$WORK/a.txt" & W=$!
load "http://127.0.0.1:$P2" 8 "$SECONDS_PER_RUN" > "$WORK/b.txt"; wait "$W"
echo "  node 1: $(cat "$WORK/a.txt")"; echo "  node 2: $(cat "$WORK/b.txt")"
rate() { sed -E 's/.*\(([0-9.]+)\/s\).*/\1/' <<<"$1"; }
R1=$(rate "$ONE"); RA=$(rate "$(cat "$WORK/a.txt")"); RB=$(rate "$(cat "$WORK/b.txt")")
kill "${NODES[@]}"; wait "${NODES[@]}" 2>/dev/null || true; NODES=()
P3=$((P1 + 2))
MATCHER_STORE= start_node "$P3"
load "http://127.0.0.1:$P3" 16 20 >/dev/null
echo "baseline, one node on SQLite, 16 threads:"
BASE=$(load "http://127.0.0.1:$P3" 16 "$SECONDS_PER_RUN"); echo "  $BASE"
R0=$(rate "$BASE")
awk -v one="$R1" -v a="$RA" -v b="$RB" -v base="$R0" 'BEGIN {
  printf "two nodes %.1f/s vs one node %.1f/s = %.2fx; one node on PostgreSQL vs on SQLite %.1f/s = %.2fx\n",
    a + b, one, (a + b) / one, base, one / base }'
