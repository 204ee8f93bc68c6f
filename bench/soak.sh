#!/usr/bin/env bash
# Does the server give everything back? One server runs the same cycle again and again for MINUTES:
#   - the load generator on /signal, /compat/login and Socket.IO: churn (connect, join, leave), pingpong, fan-out,
#     thousands of rooms on /signal, a burst of idle logins;
#   - misbehaving clients on every dialect (bench/soak/rude-clients.mjs): sockets dropped without a close frame,
#     garbage frames, Socket.IO polling sessions abandoned in a room, upgrades cut off halfway.
# After each cycle it waits until the server's own gauges say no connection, peer, room or queued frame is left (the
# dropped /signal peers wait out the resume window, the abandoned polling sessions the Engine.IO heartbeat), then
# records what the process still holds: live heap (JVM: after two full collections, bench/loadgen's LiveHeap), RSS,
# open files, threads. A leak shows as growth from cycle to cycle.
#
#   bench/soak.sh [MINUTES]          (default 30; needs bench/setup.sh)
#
# SERVER=jvm (default) or native; SERVER_JAR, SERVER_BIN, SERVER_JAVA_OPTS, SERVER_NATIVE_OPTS as in bench/run.sh.
# HISTOGRAMS=DIR keeps the JVM's class histogram of every cycle there (DIR/cycle-N.txt), to see which classes grew;
# HEAP_DUMPS=DIR a heap dump of every cycle (DIR/cycle-N.hprof, JVM only), to see who holds what grew:
#   java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.HeapOwners DIR/cycle-4.hprof DIR/cycle-9.hprof 1
# Prints one JSON line per cycle and a summary line {"summary":...} (also appended to OUT if set). Exits 1 if a cycle
# lost messages or a client got no answer, if the server logged an ERROR (a client's misbehaviour is not one; the
# first new line of each cycle is printed), if the server did not get back to zero within SETTLE_SECONDS (default
# 150), or if open files, threads or the live heap kept growing: the last third of the cycles above the first third
# (after the first cycle, which loads classes and fills caches) by more than 2 % of the heap or 2 MiB. Fewer than four
# cycles are too few to compare thirds: the verdict is then "too-short" (exit 1), but every check of each cycle holds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
MINUTES="${1:-30}"
SERVER="${SERVER:-jvm}"
SERVER_JAR="${SERVER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
SERVER_BIN="${SERVER_BIN:-$(ls "$ROOT"/target/*-runner 2>/dev/null | head -1)}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:-UsePerfData}"
SETTLE_SECONDS="${SETTLE_SECONDS:-150}"
PORT="${PORT:-18080}"
OUT="${OUT:-}"
HISTOGRAMS="${HISTOGRAMS:-}"
[ -z "$HISTOGRAMS" ] || mkdir -p "$HISTOGRAMS"
HEAP_DUMPS="${HEAP_DUMPS:-}"
[ -z "$HEAP_DUMPS" ] || mkdir -p "$HEAP_DUMPS"
LOADGEN_JAR="$HERE/loadgen/target/loadgen.jar"
[ -f "$LOADGEN_JAR" ] || { echo "missing $LOADGEN_JAR: run bench/setup.sh" >&2; exit 2; }
[ -d "$HERE/soak/node_modules" ] || { echo "missing bench/soak/node_modules: run bench/setup.sh" >&2; exit 2; }
case "$SERVER" in
  # shellcheck disable=SC2206 # the options are a list
  jvm)    [ -f "$SERVER_JAR" ] || { echo "no $SERVER_JAR: run bench/setup.sh" >&2; exit 2; }
          SERVER_CMD=(java $SERVER_JAVA_OPTS -jar "$SERVER_JAR") ;;
  # shellcheck disable=SC2206
  native) [ -x "$SERVER_BIN" ] || { echo "no native binary: run bench/setup.sh --native" >&2; exit 2; }
          SERVER_CMD=("$SERVER_BIN" ${SERVER_NATIVE_OPTS:-}) ;;
  *) echo "SERVER is jvm or native" >&2; exit 2 ;;
esac

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK="$(mktemp -d -t soak.XXXXXX)"
SPID=""
cleanup() {
  if [ -n "$SPID" ]; then
    kill -TERM "$SPID" 2>/dev/null || true
    for _ in $(seq 600); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SPID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

env "${SERVER_ENV[@]}" QUARKUS_HTTP_PORT="$PORT" "${SERVER_CMD[@]}" > "$WORK/server.log" 2>&1 &
SPID=$!
wait_ready "$PORT" "$(now_ms)" > /dev/null

emit() { echo "$1"; [ -z "$OUT" ] || echo "$1" >> "$OUT"; }
metrics() { curl -sf --max-time 10 "http://127.0.0.1:$PORT/q/metrics"; }
# What the server says it still holds: connections of every dialect, peers, rooms, bytes queued. 0 when all is back
# ("no answer" if the server does not answer, which is never 0).
held() {
  local m
  m=$(metrics) || { echo "no answer"; return; }
  echo "$m" | awk '/^signaling_(connections\{|peers |rooms |outbox_held_bytes )/ {s += $2} END {printf "%d", s}'
}
opened_total() { metrics | awk '/^signaling_connections_opened_total\{/ {s += $2} END {printf "%d", s}'; }
live_heap() { # CYCLE
  if [ "$SERVER" != jvm ]; then echo null; return; fi
  java -cp "$LOADGEN_JAR" dev.signaling.bench.LiveHeap "$SPID" ${HISTOGRAMS:+"$HISTOGRAMS/cycle-$1.txt"}
  # right after LiveHeap's full collections, so the dump holds what the histogram counted
  [ -z "$HEAP_DUMPS" ] || jcmd "$SPID" GC.heap_dump "$(realpath "$HEAP_DUMPS")/cycle-$1.hprof" > /dev/null
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SPID/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$SPID/status"; }
open_files() { find "/proc/$SPID/fd" -mindepth 1 -maxdepth 1 | wc -l; }
error_lines() { grep -c ' ERROR ' "$WORK/server.log" || true; }

FAILURES=0
# loadgen PROTO options...: one load generator run; a non-zero exit (loss, duplicates, misdelivery, errors) fails it.
loadgen() {
  local proto="$1"
  shift
  if ! java -Xms256m -Xmx1g -jar "$LOADGEN_JAR" --proto "$proto" --url "ws://127.0.0.1:$PORT$(our_path "$proto")" \
      --label "soak" "$@" > "$WORK/loadgen.out" 2>&1; then
    FAILURES=$((FAILURES + 1))
    echo "load generator failed: --proto $proto $*" >&2
    grep '^RESULT ' "$WORK/loadgen.out" | cut -c8- >&2 || tail -5 "$WORK/loadgen.out" >&2
  fi
}

cycle_traffic() {
  for proto in signal login socketio; do
    loadgen "$proto" --mode churn --rate 200 --duration 20 --warmup 0
    loadgen "$proto" --mode pingpong --pairs 50 --inflight 4 --duration 5 --warmup 1
  done
  loadgen signal --mode fanout --rooms 5 --room-size 20 --rate 500 --duration 5 --warmup 1
  loadgen socketio --mode fanout --rooms 5 --room-size 20 --rate 500 --duration 5 --warmup 1
  loadgen signal --mode rooms --rooms 5000 --room-size 2 --conns 200 --rate 1000 --duration 5 --warmup 1
  loadgen login --mode idle --conns 2000 --duration 5
  if ! node "$HERE/soak/rude-clients.mjs" "http://127.0.0.1:$PORT" 1000 "c$1" > "$WORK/rude.out" 2>&1; then
    FAILURES=$((FAILURES + 1))
    echo "misbehaving clients got no answer:" >&2
    cat "$WORK/rude.out" >&2
  fi
}

# settle: waits until the server holds nothing; prints the seconds it took, and fails if that took too long.
settle() {
  local t0
  t0=$(now_ms)
  until [ "$(held)" = 0 ]; do
    if [ $(( $(now_ms) - t0 )) -gt $(( SETTLE_SECONDS * 1000 )) ]; then
      echo "the server still holds something after ${SETTLE_SECONDS} s:" >&2
      metrics | grep -E '^signaling_(connections\{|peers |rooms |outbox_held_bytes )' >&2
      echo "$SETTLE_SECONDS"
      return 1
    fi
    sleep 1
  done
  echo $(( ($(now_ms) - t0) / 1000 ))
}

HEAPS=(); FILES=(); THREADS=()
T_START=$(now_ms)
BASE_HEAP=$(live_heap 0); BASE_FILES=$(open_files); BASE_THREADS=$(threads)
emit "{\"cycle\":0,\"liveHeapBytes\":$BASE_HEAP,\"rssKb\":$(rss_kb),\"openFiles\":$BASE_FILES,\"threads\":$BASE_THREADS}"
CYCLE=0
while [ $(( $(now_ms) - T_START )) -lt $(( MINUTES * 60000 )) ]; do
  CYCLE=$((CYCLE + 1))
  C0=$(now_ms); FAILED_BEFORE=$FAILURES; ERRORS_BEFORE=$(error_lines)
  cycle_traffic "$CYCLE"
  SETTLED=$(settle) || FAILURES=$((FAILURES + 1))
  ERRORS=$(( $(error_lines) - ERRORS_BEFORE ))
  if [ "$ERRORS" -gt 0 ]; then
    FAILURES=$((FAILURES + 1))
    echo "the server logged $ERRORS ERROR lines in cycle $CYCLE, the first:" >&2
    awk -v seen="$ERRORS_BEFORE" '/ ERROR / && ++n > seen {print substr($0, 1, 400); exit}' "$WORK/server.log" >&2
  fi
  HEAP=$(live_heap "$CYCLE"); FD=$(open_files); TH=$(threads)
  HEAPS+=("$HEAP"); FILES+=("$FD"); THREADS+=("$TH")
  emit "$(printf '{"cycle":%d,"seconds":%d,"settleSeconds":%d,"failures":%d,"errorLines":%d,"connectionsOpenedTotal":%d,"liveHeapBytes":%s,"rssKb":%d,"openFiles":%d,"threads":%d,"minutes":%.1f}' \
    "$CYCLE" $(( ($(now_ms) - C0) / 1000 )) "$SETTLED" $((FAILURES - FAILED_BEFORE)) "$ERRORS" "$(opened_total)" "$HEAP" "$(rss_kb)" \
    "$FD" "$TH" "$(awk -v ms=$(( $(now_ms) - T_START )) 'BEGIN {print ms / 60000}')")"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# thirds ALLOWED VALUES...: the medians of the first and the last third of the cycles, the first cycle left out (it
# loads classes and fills caches), and "grew" if the last is above the first by more than ALLOWED.
thirds() {
  local allowed="$1"; shift
  [ $# -eq 0 ] || shift # the first cycle's value
  local values=("$@")
  local n=${#values[@]} third first last
  if [ "$n" -lt 3 ]; then echo "null null short"; return; fi
  third=$(( n / 3 ))
  first=$(median "${values[@]:0:third}")
  last=$(median "${values[@]:n-third:third}")
  if awk -v f="$first" -v l="$last" -v a="$allowed" 'BEGIN {exit !(l > f + a)}'; then
    echo "$first $last grew"
  else
    echo "$first $last flat"
  fi
}
VERDICT=ok
# check NAME FIRST LAST TREND: a growing measure makes the verdict "leak?".
check() {
  case "$4" in
    grew)  VERDICT="leak?"; echo "$1 grew: median $2 in the first third of the cycles, $3 in the last" >&2 ;;
    short) [ "$VERDICT" != ok ] || VERDICT=too-short ;;
  esac
}
read -r F_FILES L_FILES T_FILES < <(thirds 2 "${FILES[@]}")
check "open files" "$F_FILES" "$L_FILES" "$T_FILES"
read -r F_THREADS L_THREADS T_THREADS < <(thirds 2 "${THREADS[@]}")
check threads "$F_THREADS" "$L_THREADS" "$T_THREADS"
F_HEAP=null; L_HEAP=null
if [ "$SERVER" = jvm ]; then
  # 2 % of the heap after the second cycle, or 2 MiB, whichever is more
  HEAP_ALLOWED=$(awk -v h="${HEAPS[1]:-0}" 'BEGIN {a = h * 0.02; printf "%d", (a > 2097152) ? a : 2097152}')
  read -r F_HEAP L_HEAP T_HEAP < <(thirds "$HEAP_ALLOWED" "${HEAPS[@]}")
  check "live heap" "$F_HEAP" "$L_HEAP" "$T_HEAP"
fi
[ "$FAILURES" = 0 ] || VERDICT=failed
emit "$(printf '{"summary":{"server":"%s","minutes":%s,"cycles":%d,"failures":%d,"verdict":"%s","liveHeapFirstThird":%s,"liveHeapLastThird":%s,"openFilesFirstThird":%s,"openFilesLastThird":%s,"threadsFirstThird":%s,"threadsLastThird":%s,"baseLiveHeap":%s,"baseOpenFiles":%d,"baseThreads":%d}}' \
  "$SERVER" "$MINUTES" "$CYCLE" "$FAILURES" "$VERDICT" "$F_HEAP" "$L_HEAP" "$F_FILES" "$L_FILES" "$F_THREADS" "$L_THREADS" \
  "$BASE_HEAP" "$BASE_FILES" "$BASE_THREADS")"
[ "$VERDICT" = ok ]
