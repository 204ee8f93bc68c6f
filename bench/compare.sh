#!/usr/bin/env bash
# The benchmark matrix behind docs/benchmarks.md: every case on every server it applies to, interleaved
# (rep 1 of every cell, then rep 2, ...) so slow drift of the machine hits all servers alike. Appends one JSON
# line per run to bench/results/<OUT>.jsonl and prints the report tables at the end.
#
#   bench/compare.sh [REPS]                     the whole matrix, REPS times (default 3)
#   CASES="login-pp sio-pp" bench/compare.sh 5  only those cases
#   SERVERS="jvm node" bench/compare.sh         only those servers (default: node jvm native cluster, when present)
#   SERVER_CPUS=0 LOADGEN_CPUS=1 CASE_SUFFIX=-pinned bench/compare.sh
#                                               every server on core 0 only, the load generator on core 1 only
#                                               (see run.sh); the suffix keeps those rows apart in the report
#
# Then: java -cp bench/loadgen/target/loadgen.jar dev.signaling.bench.Report bench/results/X.jsonl --chart docs/benchmarks.png
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPS="${1:-3}"
OUT="${OUT:-$HERE/results/run-$(date +%Y%m%d-%H%M%S).jsonl}"
mkdir -p "$(dirname "$OUT")"

PP="--mode pingpong --pairs 100 --inflight 8 --payload 200 --duration 20 --warmup 5"
PP_STEADY="--mode pingpong --pairs 100 --inflight 8 --payload 200 --duration 20 --warmup 30"
RATE="--mode rate --pairs 100 --payload 200 --duration 20 --warmup 5"
RATE_STEADY="--mode rate --pairs 100 --payload 200 --duration 20 --warmup 30"
# case | servers | protocol | loadgen options
MATRIX=(
  "login-pp|node jvm native|login|$PP"
  "sio-pp|node jvm native|socketio|$PP"
  "signal-pp|jvm native cluster|signal|$PP"
  # Throughput after 30 s of traffic instead of 5 (as the -steady rates below): in the 5 s case the JVM's compiler
  # threads still take 10-14 % of the server's CPU samples 12-22 s after the start (docs/benchmarks.md, item 27).
  "login-pp-steady|node jvm|login|$PP_STEADY"
  "sio-pp-steady|node jvm|socketio|$PP_STEADY"
  "login-rate5k|node jvm native|login|$RATE --rate 5000"
  "login-rate20k|node jvm native|login|$RATE --rate 20000"
  "sio-rate5k|node jvm native|socketio|$RATE --rate 5000"
  "sio-rate20k|node jvm native|socketio|$RATE --rate 20000"
  # The same rates after 30 s of traffic instead of 5: a server that has been up for a while (the JVM's compiler
  # has finished with the relay path; Node's has too).
  "login-rate5k-steady|node jvm|login|$RATE_STEADY --rate 5000"
  "login-rate20k-steady|node jvm|login|$RATE_STEADY --rate 20000"
  "sio-rate5k-steady|node jvm|socketio|$RATE_STEADY --rate 5000"
  "sio-rate20k-steady|node jvm|socketio|$RATE_STEADY --rate 20000"
  "signal-rate5k|jvm cluster|signal|$RATE --rate 5000"
  "signal-rate20k|jvm cluster|signal|$RATE --rate 20000"
  "signal-fanout50|jvm|signal|--mode fanout --rooms 1 --room-size 50 --rate 1000 --payload 200 --duration 20 --warmup 5"
  "sio-fanout50|node jvm|socketio|--mode fanout --rooms 1 --room-size 50 --rate 1000 --payload 200 --duration 20 --warmup 5"
  "signal-rooms100k|jvm|signal|--mode rooms --rooms 100000 --room-size 2 --conns 2000 --rate 5000 --payload 200 --duration 20 --warmup 5"
  "login-idle19k|node jvm native|login|--mode idle --conns 19000 --duration 20"
  "sio-idle19k|node jvm native|socketio|--mode idle --conns 19000 --duration 20"
  "signal-idle19k|jvm native|signal|--mode idle --conns 19000 --duration 20"
  # Across 2 instances the RSS figure is instance 1's alone (it holds half the connections); read Redis's column.
  "signal-idle10k-cluster|cluster|signal|--mode idle --conns 10000 --duration 10"
  "signal-churn|jvm|signal|--mode churn --rate 200 --duration 20 --warmup 5"
  "sio-churn|node jvm|socketio|--mode churn --rate 200 --duration 20 --warmup 5"
)

available() {
  case "$1" in
    native)  ls "$HERE"/../target/*-runner >/dev/null 2>&1 ;;
    node)    [ -d "$HERE/.anchors/ws-login/node_modules" ] ;;
    cluster) command -v redis-server >/dev/null ;;
    *)       true ;;
  esac
}

for rep in $(seq "$REPS"); do
  for row in "${MATRIX[@]}"; do
    IFS='|' read -r name servers proto options <<< "$row"
    if [ -n "${CASES:-}" ] && [[ " $CASES " != *" $name "* ]]; then continue; fi
    for server in $servers; do
      if [ -n "${SERVERS:-}" ] && [[ " $SERVERS " != *" $server "* ]]; then continue; fi
      available "$server" || { echo "skip $name on $server (not available)" >&2; continue; }
      echo "== rep $rep: $name on $server" >&2
      # shellcheck disable=SC2086
      line="$("$HERE/run.sh" "$server" "$proto" $options --label "$name${CASE_SUFFIX:-}" 2>"$HERE/results/last-run.log")"
      [ -n "$line" ] || line='{"server":"'"$server"'","proto":"'"$proto"'","loadgen":null}'
      echo "{\"case\":\"$name${CASE_SUFFIX:-}\",\"rep\":$rep,${line:1}" >> "$OUT"
      grep -E "msgsPerSec|deliveriesPerSec|cyclesPerSec|serverKibPerConnection|p99|clean" "$HERE/results/last-run.log" | head -4 >&2 || true
    done
  done
done
echo "results: $OUT" >&2
java -cp "$HERE/loadgen/target/loadgen.jar" dev.signaling.bench.Report "$OUT"
