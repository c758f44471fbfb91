#!/usr/bin/env bash
# The first minute after start against warm (issue 25, item 3): starts the server on a fresh data
# directory with the demo data, and from the moment it reports ready runs HttpLoad (16 threads,
# project → mentors) in consecutive 10 s windows: six for the first minute, then three more after
# it as "warm". Prints each window and the first minute's mean as a ratio of warm. Extra server
# JVM options go in SERVER_OPTS. Needs the built jars (mvn -B -q package -DskipTests).
# Usage: benchmarks/warmup-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d /tmp/warmup-http.XXXXXX)
PORT=$((40000 + RANDOM % 10000))
KEY=warmup-bench-admin-key-0123456789
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
MATCHER_ADMIN_KEY=$KEY "$JAVA" ${SERVER_OPTS:-} -Xmx1g -jar api/target/matcher.jar serve --port "$PORT" \
  --data "$WORK/data" --rate 1000000 --burst 1000000 > "$WORK/server.log" 2>&1 &
SERVER=$!
T0=$(date +%s.%N)
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
  kill -0 "$SERVER" || { cat "$WORK/server.log"; exit 1; }
  sleep 0.2
done
echo "ready $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s after the start (${SERVER_OPTS:-default options})"
rates=()
for w in 1 2 3 4 5 6 7 8 9; do
  out=$("$JAVA" -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.HttpLoad \
    "http://127.0.0.1:$PORT" 16 10 "$KEY")
  echo "  window $w: $out"
  rates+=("$(sed -E 's/.*\(([0-9.]+)\/s\).*/\1/' <<<"$out")")
done
printf '%s\n' "${rates[@]}" | awk '
  NR <= 6 { first += $1 } NR > 6 { warm += $1 }
  END { first /= 6; warm /= 3;
        printf "first minute %.0f/s, warm %.0f/s: %.2f of warm (first window %.2f)\n", first, warm, first / warm, w1 / warm }
  NR == 1 { w1 = $1 }'
