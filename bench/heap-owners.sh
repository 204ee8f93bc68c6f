#!/usr/bin/env bash
# Who holds the memory of an idle connection: starts our server (packaged jar, bench/run.sh's limits and JVM flags),
# dumps its heap after a few connections came and went (their classes loaded) and again with CONNS idle connections
# open, and prints the bytes per connection by owner, by class and by holder (HeapOwners, docs/benchmarks.md "Memory
# model").
#   bench/heap-owners.sh PROTO [loadgen options]     e.g. bench/heap-owners.sh login --headers browser --cookie-bytes 2000
# CONNS (default 5000), TOP (rows of the tables by class and by holder, default 25), SERVER_JAR as in bench/run.sh;
# the dumps (~100 MB each) go to a temporary folder, removed after.
# SERVER=native takes the native binary instead (SERVER_BIN, default target/*-runner; SERVER_NATIVE_OPTS as in
# bench/run.sh): its dumps are taken with SIGUSR1, each after a full collection whose result it logs, so it also
# prints the heap that collection left per connection, the figure the by-class sizes should add up to.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PROTO="${1:?usage: bench/heap-owners.sh signal|login|socketio [loadgen options]}"
shift
case "$PROTO" in
  signal)   URL_PATH=/signal ;;
  login)    URL_PATH=/compat/login ;;
  socketio) URL_PATH=/socket.io/ ;;
  *) echo "unknown protocol $PROTO" >&2; exit 2 ;;
esac
CONNS="${CONNS:-5000}"
PORT="${PORT:-18080}"
SERVER="${SERVER:-jvm}"
SERVER_JAR="${SERVER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
SERVER_BIN="${SERVER_BIN:-$(ls "$ROOT"/target/*-runner 2>/dev/null | head -1)}"
LOADGEN_JAR="$HERE/loadgen/target/loadgen.jar"
case "$SERVER" in
  jvm)    [ -f "$SERVER_JAR" ] || { echo "no $SERVER_JAR: run bench/setup.sh first" >&2; exit 2; } ;;
  native) [ -x "$SERVER_BIN" ] || { echo "no native binary: run bench/setup.sh --native first" >&2; exit 2; } ;;
  *) echo "SERVER is jvm or native" >&2; exit 2 ;;
esac
[ -f "$LOADGEN_JAR" ] || { echo "run bench/setup.sh first" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK="$(mktemp -d -t heap-owners.XXXXXX)"
SERVER_PID=""; LOADGEN_PID=""
cleanup() {
  # The load generator is a shell function run in the background: its java is a child of the subshell $! names.
  if [ -n "$LOADGEN_PID" ]; then pkill -P "$LOADGEN_PID" 2>/dev/null || true; fi
  for p in $LOADGEN_PID $SERVER_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$SERVER" = jvm ]; then
  SERVER_CMD=(java -XX:+UseSerialGC -Xms64m -Xmx512m -XX:-UsePerfData -jar "$(realpath "$SERVER_JAR")")
else
  # shellcheck disable=SC2206 # SERVER_NATIVE_OPTS is a list of options
  SERVER_CMD=("$(realpath "$SERVER_BIN")" -XX:+PrintGC ${SERVER_NATIVE_OPTS:-})
fi
# The native binary writes its dumps to its working directory.
(cd "$WORK" && exec env SIGNALING_LIMITS_MAX_CONNECTIONS=19900 SIGNALING_LIMITS_MAX_CONNECTIONS_PER_IP=19900 \
  QUARKUS_LOG_CONSOLE_LEVEL=WARN QUARKUS_SHUTDOWN_DELAY=0s QUARKUS_HTTP_PORT="$PORT" \
  "${SERVER_CMD[@]}") > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
# dump NAME: the server's heap into $WORK/NAME.hprof, once it is all written.
dump() {
  if [ "$SERVER" = jvm ]; then
    jcmd "$SERVER_PID" GC.heap_dump "$WORK/$1.hprof" > /dev/null
    return
  fi
  kill -USR1 "$SERVER_PID"
  local file="" size=-1
  for _ in $(seq 600); do
    sleep 0.5
    file="$(ls "$WORK"/svm-heapdump-*.hprof 2>/dev/null | head -1)"
    [ -n "$file" ] || continue
    [ "$(stat -c %s "$file")" = "$size" ] && break
    size="$(stat -c %s "$file")"
  done
  mv "$file" "$WORK/$1.hprof"
}
for _ in $(seq 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.1; done
loadgen() { java -jar "$LOADGEN_JAR" --proto "$PROTO" --url "ws://127.0.0.1:$PORT$URL_PATH" --mode idle "$@"; }
peers() { curl -sf "http://127.0.0.1:$PORT/q/metrics" | awk '/^signaling_peers[ {]/ {print int($NF)}' | head -1; }
loadgen --conns 20 --duration 1 "$@" > /dev/null 2>&1
for _ in $(seq 600); do [ "$(peers || echo 1)" -eq 0 ] && break; sleep 0.1; done
dump before
# Held for longer than it takes to connect them all; the second dump waits for the server to count them all as
# peers (signaling_peers), and five seconds more for their logins and joins to settle.
loadgen --conns "$CONNS" --duration 60 "$@" > "$WORK/loadgen.out" 2>&1 &
LOADGEN_PID=$!
for _ in $(seq 600); do [ "$(peers || echo 0)" -ge "$CONNS" ] && break; sleep 0.1; done
[ "$(peers || echo 0)" -ge "$CONNS" ] || { echo "only $(peers) of $CONNS connections came up" >&2; exit 1; }
sleep 5
dump after
if [ "$SERVER" = jvm ]; then
  java -Dheapowners.top="${TOP:-25}" -cp "$LOADGEN_JAR" dev.signaling.bench.HeapOwners "$WORK/before.hprof" "$WORK/after.hprof" "$CONNS"
else
  java -Dheapowners.top="${TOP:-25}" -cp "$LOADGEN_JAR" dev.signaling.bench.HeapOwners --native "$WORK/before.hprof" "$WORK/after.hprof" "$CONNS"
  # "... Pause Full GC (Heap Dump Initiated GC) 88.50M->83.00M ...": the heap each dump's collection left.
  grep -a 'Heap Dump Initiated GC' "$WORK/server.log" | sed -E 's/.*->([0-9.]+)M.*/\1/' | tr '\n' ' ' |
    awk -v n="$CONNS" '{printf "\nheap after the collections before each dump: %s MiB, then %s MiB: %.0f bytes per connection\n", $1, $2, ($2 - $1) * 1048576 / n}'
fi
