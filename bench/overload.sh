#!/usr/bin/env bash
# A server pushed past what it can write, under a container's memory limit: IDLE idle login connections, then
# login pingpong and then a fixed rate on top, both with large payloads. Prints one JSON line: the RSS peak (sampled
# every second), whether the server was still alive and answering at the end, how many idle connections stayed
# open, and the load generator's result of each phase (docs/benchmarks.md, item 23).
#   bench/overload.sh LABEL SERVER_COMMAND...
#   e.g. bench/overload.sh native-512 target/signaling-server-1.0.0-SNAPSHOT-runner -XX:MaxRAM=536870912 -XX:MaximumHeapSizePercent=60
# -XX:MaxRAM stands in for the container's limit: it is what the JVM and the native binary read from the cgroup.
# IDLE (15800), RATE (20000), PAYLOAD (2000), PHASE_SECONDS (30); the server gets bench/run.sh's raised limits.
# SERVER_LOG: a file to keep the server's output in (e.g. its collections, with -XX:+PrintGC on the native binary).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LABEL="${1:?usage: bench/overload.sh LABEL SERVER_COMMAND...}"
shift
[ $# -gt 0 ] || { echo "usage: bench/overload.sh LABEL SERVER_COMMAND..." >&2; exit 2; }
IDLE="${IDLE:-15800}"
RATE="${RATE:-20000}"
PAYLOAD="${PAYLOAD:-2000}"
PHASE_SECONDS="${PHASE_SECONDS:-30}"
PORT="${PORT:-18080}"
LOADGEN_JAR="$HERE/loadgen/target/loadgen.jar"
[ -f "$LOADGEN_JAR" ] || { echo "run bench/setup.sh first" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK="$(mktemp -d -t overload.XXXXXX)"
SERVER_PID=""; IDLE_PID=""; SAMPLER_PID=""
cleanup() {
  for p in $SAMPLER_PID $IDLE_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  # a server that ran out of heap may no longer shut down on TERM
  if [ -n "$SERVER_PID" ]; then kill -KILL "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "${SERVER_LOG:-}" ]; then cp "$WORK/server.log" "$SERVER_LOG" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
loadgen() { java -jar "$LOADGEN_JAR" --proto login --url "ws://127.0.0.1:$PORT/compat/login" --server-pid "$SERVER_PID" "$@"; }
result() { grep '^RESULT ' "$1" | sed 's/^RESULT //' || echo null; }
open_login() { curl -s --max-time 5 "http://127.0.0.1:$PORT/q/metrics" | awk '/^signaling_connections\{dialect="login"/ {print int($2)}' | head -1; }

cd "$ROOT"
env SIGNALING_RATE_LIMIT_MESSAGES_PER_SECOND=10000000 SIGNALING_RATE_LIMIT_BURST=10000000 \
  SIGNALING_LIMITS_MAX_CONNECTIONS=19900 SIGNALING_LIMITS_MAX_CONNECTIONS_PER_IP=19900 QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  QUARKUS_HTTP_PORT="$PORT" "$@" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.1; done
# the server's RSS every second, in KiB (env exec's the server, so $! is its PID)
(while kill -0 "$SERVER_PID" 2>/dev/null; do awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null; sleep 1; done) \
  > "$WORK/rss" &
SAMPLER_PID=$!

IDLE_SECONDS=$(( 4 * PHASE_SECONDS + 60 ))
loadgen --mode idle --conns "$IDLE" --duration "$IDLE_SECONDS" --label "$LABEL-idle" > "$WORK/idle" 2>&1 &
IDLE_PID=$!
for _ in $(seq 300); do [ "$(open_login || echo 0)" -ge "$IDLE" ] 2>/dev/null && break; sleep 1; done
loadgen --mode pingpong --pairs 100 --inflight 8 --payload "$PAYLOAD" --duration "$PHASE_SECONDS" --warmup 5 \
  --label "$LABEL-pingpong" > "$WORK/pingpong" 2>&1 || true
loadgen --mode rate --rate "$RATE" --pairs 100 --payload "$PAYLOAD" --duration "$PHASE_SECONDS" --warmup 5 \
  --label "$LABEL-rate" > "$WORK/rate" 2>&1 || true
# after the load: is the server still there, and how many of the idle clients does it still hold?
OPEN_AFTER="$(open_login || true)"
READY_AFTER=false
curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && READY_AFTER=true
wait "$IDLE_PID" || true
IDLE_PID=""
RSS_PEAK="$(sort -n "$WORK/rss" | tail -1)"
OOM="$(grep -c 'OutOfMemoryError' "$WORK/server.log" || true)"
printf '{"label":"%s","serverCmd":"%s","idle":%s,"payload":%s,"rate":%s,"rssKbPeak":%s,"openAfterLoad":%s,"readyAfterLoad":%s,"outOfMemoryErrors":%s,"idleResult":%s,"pingpong":%s,"rateResult":%s}\n' \
  "$LABEL" "$*" "$IDLE" "$PAYLOAD" "$RATE" "${RSS_PEAK:-null}" "${OPEN_AFTER:-null}" "$READY_AFTER" "${OOM:-0}" \
  "$(result "$WORK/idle")" "$(result "$WORK/pingpong")" "$(result "$WORK/rate")"
