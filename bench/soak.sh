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
# SERVER=jvm (default), native, or cluster: two instances of the jar sharing a redis-server (needs redis-server;
# REDIS_PORT, default 16379, and PORT + 1 for the second instance). The load generator's clients alternate between
# the instances, so peers of one room sit on both; the misbehaving clients split between them. A cycle of a cluster
# is back at zero only when Redis also holds no more keys than before the traffic (the instances' heartbeats and
# registry): a room or peer left in Redis after everyone left would be a leak no instance's gauge shows. Its figures
# (heap, RSS, files, threads) are both instances' sums; Redis's keys and used memory are added to each cycle's line.
# SERVER_JAR, SERVER_BIN, SERVER_JAVA_OPTS, SERVER_NATIVE_OPTS as in bench/run.sh.
# HISTOGRAMS=DIR keeps the JVM's class histogram of every cycle there (DIR/cycle-N.txt; a cluster's instance K in
# DIR/cycle-N-K.txt), to see which classes grew; HEAP_DUMPS=DIR a heap dump of every cycle (DIR/cycle-N.hprof, named
# the same way; not native), to see who holds what grew:
#   java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.HeapOwners DIR/cycle-4.hprof DIR/cycle-9.hprof 1
# Prints one JSON line per cycle and a summary line {"summary":...} (also appended to OUT if set). Exits 1 if a cycle
# lost messages or a client got no answer, if the server logged an ERROR (a client's misbehaviour is not one; the
# first new line of each cycle is printed), if the server did not get back to zero within SETTLE_SECONDS (default
# 150), or if open files, threads or the live heap kept growing: the last third of the cycles above the first third
# (after the first cycle, which loads classes and fills caches) by more than 2 % of the heap or 2 MiB (native: RSS,
# by more than 10 % or 8 MiB). Fewer than four cycles are too few to compare thirds: the verdict is then "too-short"
# (exit 1), but every check of each cycle holds.
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
REDIS_PORT="${REDIS_PORT:-16379}"
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
  jvm|cluster)
          [ -f "$SERVER_JAR" ] || { echo "no $SERVER_JAR: run bench/setup.sh" >&2; exit 2; }
          SERVER_CMD=(java $SERVER_JAVA_OPTS -jar "$SERVER_JAR") ;;
  # shellcheck disable=SC2206
  native) [ -x "$SERVER_BIN" ] || { echo "no native binary: run bench/setup.sh --native" >&2; exit 2; }
          SERVER_CMD=("$SERVER_BIN" ${SERVER_NATIVE_OPTS:-}) ;;
  *) echo "SERVER is jvm, native or cluster" >&2; exit 2 ;;
esac
if [ "$SERVER" = cluster ] && ! command -v redis-server > /dev/null; then
  echo "a cluster needs redis-server (apt-get install redis-server)" >&2; exit 2
fi

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK="$(mktemp -d -t soak.XXXXXX)"
SPIDS=(); PORTS=(); LOGS=() # our server instances: process, HTTP port, log
REDIS_PID=""
cleanup() {
  local pid
  for pid in "${SPIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SPIDS[@]}"; do
    for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -z "$REDIS_PID" ] || kill "$REDIS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_instance PORT [ENV=VALUE...]: one instance of our server, its log in $WORK.
start_instance() {
  local port="$1"; shift
  local log="$WORK/server-$port.log"
  env "${SERVER_ENV[@]}" "$@" QUARKUS_HTTP_PORT="$port" "${SERVER_CMD[@]}" > "$log" 2>&1 &
  SPIDS+=($!); PORTS+=("$port"); LOGS+=("$log")
}
if [ "$SERVER" = cluster ]; then
  redis-server --port "$REDIS_PORT" --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_accept "$REDIS_PORT" "$(now_ms)" > /dev/null
  for port in "$PORT" $((PORT + 1)); do
    start_instance "$port" SIGNALING_ROUTER=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT"
  done
else
  start_instance "$PORT"
fi
for port in "${PORTS[@]}"; do wait_ready "$port" "$(now_ms)" > /dev/null; done

emit() { echo "$1"; [ -z "$OUT" ] || echo "$1" >> "$OUT"; }
metrics() { curl -sf --max-time 10 "http://127.0.0.1:$1/q/metrics"; } # PORT
redis() { redis-cli -p "$REDIS_PORT" "$@" | tr -d '\r'; }
redis_keys() { redis DBSIZE; }
redis_used_memory() { redis INFO memory | awk -F: '/^used_memory:/ {print $2}'; }
# The gauges of what a server still holds: connections of every dialect, peers, rooms, bytes queued.
HELD_METRICS='^signaling_(connections[{]|peers |rooms |outbox_held_bytes )'
# metric_sum REGEX: the values of the metric lines matching REGEX, added up over the instances ("no answer" if one
# does not answer).
metric_sum() {
  local m port total=0
  for port in "${PORTS[@]}"; do
    m=$(metrics "$port") || { echo "no answer"; return; }
    total=$(( total + $(echo "$m" | awk -v re="$1" '$0 ~ re {s += $2} END {printf "%d", s}') ))
  done
  echo "$total"
}
# What the servers say they still hold and, in a cluster, the keys Redis holds beyond those it held before the
# traffic. 0 when all is back ("no answer" if a server or Redis does not answer, which is never 0).
held() {
  local total keys
  total=$(metric_sum "$HELD_METRICS")
  [ "$total" != "no answer" ] || { echo "$total"; return; }
  if [ "$SERVER" = cluster ]; then
    keys=$(redis_keys) && [ -n "$keys" ] || { echo "no answer"; return; }
    total=$(( total + (keys > BASE_KEYS ? keys - BASE_KEYS : BASE_KEYS - keys) ))
  fi
  echo "$total"
}
opened_total() { metric_sum '^signaling_connections_opened_total[{]'; }
# summed COMMAND: COMMAND PID K for every instance (K its number, from 1), added up.
summed() {
  local k total=0
  for k in "${!SPIDS[@]}"; do total=$(( total + $("$1" "${SPIDS[$k]}" $((k + 1))) )); done
  echo "$total"
}
live_heap_of() { # PID K
  local name="cycle-$CYCLE"
  [ "$SERVER" != cluster ] || name="$name-$2"
  java -cp "$LOADGEN_JAR" dev.signaling.bench.LiveHeap "$1" ${HISTOGRAMS:+"$HISTOGRAMS/$name.txt"}
  # right after LiveHeap's full collections, so the dump holds what the histogram counted
  [ -z "$HEAP_DUMPS" ] || jcmd "$1" GC.heap_dump "$(realpath "$HEAP_DUMPS")/$name.hprof" > /dev/null
}
live_heap() { if [ "$SERVER" = native ]; then echo null; else summed live_heap_of; fi; }
rss_kb_of() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
threads_of() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }
open_files_of() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }
# count_new_errors: sets ERRORS to the ERROR lines the logs gained since the last call (ERRORS_SEEN holds each log's
# count), and keeps the first new line of each log that gained any in $WORK/first-errors.
count_new_errors() {
  local k n
  ERRORS=0
  : > "$WORK/first-errors"
  for k in "${!LOGS[@]}"; do
    n=$(grep -c ' ERROR ' "${LOGS[$k]}" || true)
    if [ "$n" -gt "${ERRORS_SEEN[$k]:-0}" ]; then
      awk -v seen="${ERRORS_SEEN[$k]:-0}" '/ ERROR / && ++n > seen {print substr($0, 1, 400); exit}' "${LOGS[$k]}" \
        >> "$WORK/first-errors"
      ERRORS=$(( ERRORS + n - ${ERRORS_SEEN[$k]:-0} ))
    fi
    ERRORS_SEEN[$k]=$n
  done
}

FAILURES=0
# loadgen PROTO options...: one load generator run; a non-zero exit (loss, duplicates, misdelivery, errors) fails it.
loadgen() {
  local proto="$1"
  shift
  local urls=() port
  for port in "${PORTS[@]}"; do urls+=("ws://127.0.0.1:$port$(our_path "$proto")"); done
  if ! java -Xms256m -Xmx1g -jar "$LOADGEN_JAR" --proto "$proto" --url "$(IFS=,; echo "${urls[*]}")" \
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
  local k
  for k in "${!PORTS[@]}"; do # 1,000 in all, split between the instances
    if ! node "$HERE/soak/rude-clients.mjs" "http://127.0.0.1:${PORTS[$k]}" $((1000 / ${#PORTS[@]})) "c$1i$k" \
        > "$WORK/rude.out" 2>&1; then
      FAILURES=$((FAILURES + 1))
      echo "misbehaving clients got no answer:" >&2
      cat "$WORK/rude.out" >&2
    fi
  done
}

# settle: waits until the server holds nothing; prints the seconds it took, and fails if that took too long.
settle() {
  local t0
  t0=$(now_ms)
  until [ "$(held)" = 0 ]; do
    if [ $(( $(now_ms) - t0 )) -gt $(( SETTLE_SECONDS * 1000 )) ]; then
      echo "the server still holds something after ${SETTLE_SECONDS} s:" >&2
      for port in "${PORTS[@]}"; do
        metrics "$port" | grep -E "$HELD_METRICS" | sed "s/^/:$port /" >&2
      done
      if [ "$SERVER" = cluster ]; then
        echo "Redis: $(redis_keys) keys, $BASE_KEYS before the traffic; a few: $(redis --scan --count 1000 | head -5 | tr '\n' ' ')" >&2
      fi
      echo "$SETTLE_SECONDS"
      return 1
    fi
    sleep 1
  done
  echo $(( ($(now_ms) - t0) / 1000 ))
}

# In a cluster, Redis's keys and used memory after the cycle, for its line.
redis_fields() {
  [ "$SERVER" != cluster ] || printf ',"redisKeys":%d,"redisUsedMemory":%d' "$(redis_keys)" "$(redis_used_memory)"
}
HEAPS=(); RSSES=(); FILES=(); THREADS=(); ERRORS_SEEN=()
count_new_errors # what start-up logged is not a cycle's
T_START=$(now_ms)
CYCLE=0
[ "$SERVER" != cluster ] || BASE_KEYS=$(redis_keys)
BASE_HEAP=$(live_heap); BASE_FILES=$(summed open_files_of); BASE_THREADS=$(summed threads_of)
emit "{\"cycle\":0,\"instances\":${#SPIDS[@]},\"liveHeapBytes\":$BASE_HEAP,\"rssKb\":$(summed rss_kb_of),\"openFiles\":$BASE_FILES,\"threads\":$BASE_THREADS$(redis_fields)}"
while [ $(( $(now_ms) - T_START )) -lt $(( MINUTES * 60000 )) ]; do
  CYCLE=$((CYCLE + 1))
  C0=$(now_ms); FAILED_BEFORE=$FAILURES
  cycle_traffic "$CYCLE"
  SETTLED=$(settle) || FAILURES=$((FAILURES + 1))
  count_new_errors
  if [ "$ERRORS" -gt 0 ]; then
    FAILURES=$((FAILURES + 1))
    echo "the server logged $ERRORS ERROR lines in cycle $CYCLE, the first:" >&2
    cat "$WORK/first-errors" >&2
  fi
  HEAP=$(live_heap); RSS=$(summed rss_kb_of); FD=$(summed open_files_of); TH=$(summed threads_of)
  HEAPS+=("$HEAP"); RSSES+=("$RSS"); FILES+=("$FD"); THREADS+=("$TH")
  emit "$(printf '{"cycle":%d,"seconds":%d,"settleSeconds":%d,"failures":%d,"errorLines":%d,"connectionsOpenedTotal":%d,"liveHeapBytes":%s,"rssKb":%d,"openFiles":%d,"threads":%d%s,"minutes":%.1f}' \
    "$CYCLE" $(( ($(now_ms) - C0) / 1000 )) "$SETTLED" $((FAILURES - FAILED_BEFORE)) "$ERRORS" "$(opened_total)" "$HEAP" \
    "$RSS" "$FD" "$TH" "$(redis_fields)" "$(awk -v ms=$(( $(now_ms) - T_START )) 'BEGIN {print ms / 60000}')")"
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
F_HEAP=null; L_HEAP=null; F_RSS=null; L_RSS=null
if [ "$SERVER" = native ]; then
  # No live heap without a JVM to ask, but the native binary's collector gives memory back to the system (RSS falls
  # after the first cycles), so RSS stands in: 10 % of it after the second cycle, or 8 MiB, whichever is more.
  RSS_ALLOWED=$(awk -v r="${RSSES[1]:-0}" 'BEGIN {a = r * 0.10; printf "%d", (a > 8192) ? a : 8192}')
  read -r F_RSS L_RSS T_RSS < <(thirds "$RSS_ALLOWED" "${RSSES[@]}")
  check "RSS (KiB)" "$F_RSS" "$L_RSS" "$T_RSS"
else
  # 2 % of the heap after the second cycle, or 2 MiB, whichever is more
  HEAP_ALLOWED=$(awk -v h="${HEAPS[1]:-0}" 'BEGIN {a = h * 0.02; printf "%d", (a > 2097152) ? a : 2097152}')
  read -r F_HEAP L_HEAP T_HEAP < <(thirds "$HEAP_ALLOWED" "${HEAPS[@]}")
  check "live heap" "$F_HEAP" "$L_HEAP" "$T_HEAP"
fi
[ "$FAILURES" = 0 ] || VERDICT=failed
emit "$(printf '{"summary":{"server":"%s","minutes":%s,"cycles":%d,"failures":%d,"verdict":"%s","liveHeapFirstThird":%s,"liveHeapLastThird":%s,"rssKbFirstThird":%s,"rssKbLastThird":%s,"openFilesFirstThird":%s,"openFilesLastThird":%s,"threadsFirstThird":%s,"threadsLastThird":%s,"baseLiveHeap":%s,"baseOpenFiles":%d,"baseThreads":%d}}' \
  "$SERVER" "$MINUTES" "$CYCLE" "$FAILURES" "$VERDICT" "$F_HEAP" "$L_HEAP" "$F_RSS" "$L_RSS" "$F_FILES" "$L_FILES" "$F_THREADS" "$L_THREADS" \
  "$BASE_HEAP" "$BASE_FILES" "$BASE_THREADS")"
[ "$VERDICT" = ok ]
