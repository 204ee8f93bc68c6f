#!/usr/bin/env bash
# Starts one server, runs the load generator against it, stops the server; prints ONE JSON line on stdout:
#   {"server","proto","startupMs","readyMs","serverCmd","loadgen":{the loadgen's RESULT}}
# (the loadgen's human summary goes to stderr).
#
#   bench/run.sh SERVER PROTO [loadgen options...]
#   SERVER  jvm       our server, packaged jar (target/quarkus-app), JVM flags from SERVER_JAVA_OPTS, launcher SERVER_JAVA
#           native    our server, native binary (target/*-runner)
#           node      the Node.js server of the seed for PROTO (login: ws 8.x, socketio: socket.io 4.8.x)
#           cluster   two instances of our jar sharing a redis-server; clients alternate between them, so every
#                     pair of peers spans both instances (server figures are those of instance 1).
#                     CLUSTER_REDIS_TLS=1: that Redis speaks only TLS (a certificate made by openssl for the run),
#                     and the instances reach it over rediss://, checking the certificate and its host name
#   PROTO   signal | login | socketio
#   e.g.    bench/run.sh jvm login --mode pingpong --pairs 100 --inflight 8 --duration 20 --warmup 5
#
# startupMs: spawn to the first accepted TCP connection (polled every 5 ms; the same definition for every server).
# readyMs:   spawn to /q/health/ready answering 200 (our servers only).
# KEEP_WORK=1 keeps the run's work directory (server logs, the loadgen's output) instead of removing it.
# Our server runs with the limits a benchmark needs raised (SERVER_ENV in bench/lib.sh); nothing else is changed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SERVER="${1:?usage: bench/run.sh jvm|native|node|cluster signal|login|socketio [loadgen options]}"
PROTO="${2:?usage: bench/run.sh jvm|native|node|cluster signal|login|socketio [loadgen options]}"
shift 2

LOADGEN_JAR="$HERE/loadgen/target/loadgen.jar"
[ -f "$LOADGEN_JAR" ] || { echo "missing $LOADGEN_JAR: run bench/setup.sh" >&2; exit 2; }
LOADGEN_JAVA_OPTS="${LOADGEN_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}"
# A container-sized heap and the serial collector: no GC threads competing for the 2 cores, RSS that reflects
# what the server keeps rather than how much heap the JVM was allowed to grab on a 24 GiB machine.
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:-UsePerfData}"
# "{port}" in SERVER_JAVA_OPTS becomes each instance's HTTP port, so the two instances of a cluster run can write
# one flight recording each: -XX:StartFlightRecording=filename=/tmp/server-{port}.jfr
# The java launcher for our server (the load generator always uses the one on the PATH), e.g. a JDK 25's bin/java.
SERVER_JAVA="${SERVER_JAVA:-java}"
# The jar to run; point it at a copy of another build's target/quarkus-app to compare two builds side by side.
SERVER_JAR="${SERVER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
# The native binary to run (like SERVER_JAR, for comparing builds), and its options (its defaults size the heap from
# the machine's memory), e.g. "-Xmx512m -Xmn16m".
SERVER_BIN="${SERVER_BIN:-$(ls "$ROOT"/target/*-runner 2>/dev/null | head -1)}"
SERVER_NATIVE_OPTS="${SERVER_NATIVE_OPTS:-}"
# SERVER_PROFILE=EVENT profiles our JVM server (instance 1 of a cluster) with async-profiler, which sees what JFR
# does not: native and kernel frames, the JIT compiler threads. EVENT is one of async-profiler's: cpu (perf events,
# kernel frames included), itimer (where perf events are not allowed), wall, alloc, lock. It starts
# SERVER_PROFILE_AFTER seconds (default 10) after the load generator does, so past its set-up and warm-up, lasts
# SERVER_PROFILE_SECONDS (default 10; keep both within the run) and writes collapsed stacks to SERVER_PROFILE_FILE
# (default target/profile-PROTO-EVENT.collapsed), summarised on stderr by ProfileSummary (time events only).
# SERVER_PROFILE_INTERVAL is async-profiler's sampling interval (default 5ms for cpu, itimer and wall; its own defaults
# for the others, which count bytes or events). async-profiler itself comes from Maven Central on first use
# (tools.profiler:async-profiler, into bench/loadgen/target/).
SERVER_PROFILE="${SERVER_PROFILE:-}"
ASYNC_PROFILER_VERSION=4.6
# Optional CPU pinning (taskset lists, e.g. SERVER_CPUS=0 LOADGEN_CPUS=1): keeps the load generator off the server's
# core, so neither steals the other's time slices; applied the same way to every server.
SERVER_PIN=(); LOADGEN_PIN=()
[ -n "${SERVER_CPUS:-}" ] && SERVER_PIN=(taskset -c "$SERVER_CPUS")
[ -n "${LOADGEN_CPUS:-}" ] && LOADGEN_PIN=(taskset -c "$LOADGEN_CPUS")
PORT="${PORT:-18080}"
PORT2="${PORT2:-18081}"
REDIS_PORT="${REDIS_PORT:-16379}"
REDIS_CLI=(redis-cli -p "$REDIS_PORT")

# SERVER_ENV (the raised limits), our_path, now_ms, wait_accept, wait_ready, cpu_sec
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

OUR_PATH="$(our_path "$PROTO")" || exit 2

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK="$(mktemp -d -t bench-run.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK (server logs, loadgen output)" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# async-profiler's agent library for this machine, fetched from Maven Central with the project's Maven the first time.
async_profiler_lib() {
  local arch dir
  case "$(uname -m)" in
    x86_64) arch=linux-x64 ;;
    aarch64) arch=linux-arm64 ;;
    *) echo "async-profiler has no library for $(uname -m)" >&2; exit 2 ;;
  esac
  dir="$HERE/loadgen/target/async-profiler-$ASYNC_PROFILER_VERSION"
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
      -DoutputDirectory="$dir") >&2
    (cd "$dir" && jar xf "async-profiler-$ASYNC_PROFILER_VERSION.jar" "$arch/libasyncProfiler.so")
  fi
  echo "$dir/$arch/libasyncProfiler.so"
}

start_ours() { # port, extra env...
  local port="$1"; shift
  local cmd
  if [ "$SERVER" = native ]; then
    [ -x "$SERVER_BIN" ] || { echo "no native binary: bench/setup.sh --native" >&2; exit 2; }
    cmd="$SERVER_BIN ${SERVER_NATIVE_OPTS:-}"
  else
    [ -f "$SERVER_JAR" ] || { echo "no server jar $SERVER_JAR: bench/setup.sh" >&2; exit 2; }
    cmd="$SERVER_JAVA ${SERVER_JAVA_OPTS//\{port\}/$port} -jar $SERVER_JAR"
  fi
  SERVER_CMD="$cmd"
  env "${SERVER_ENV[@]}" QUARKUS_HTTP_PORT="$port" "$@" "${SERVER_PIN[@]}" $cmd > "$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
}

T0=$(now_ms)
READY_MS=null
case "$SERVER" in
  jvm|native)
    start_ours "$PORT"
    SPID="${PIDS[0]}"
    STARTUP_MS=$(wait_accept "$PORT" "$T0")
    READY_MS=$(wait_ready "$PORT" "$T0")
    URL="ws://127.0.0.1:$PORT$OUR_PATH"
    ;;
  node)
    case "$PROTO" in
      login)    ANCHOR=ws-login;       NODE_PATH_PART=/ ;;
      socketio) ANCHOR=socketio-rooms; NODE_PATH_PART=/socket.io/ ;;
      *) echo "no Node.js server speaks $PROTO" >&2; exit 2 ;;
    esac
    [ -d "$HERE/.anchors/$ANCHOR/node_modules" ] || { echo "no Node anchor: bench/setup.sh" >&2; exit 2; }
    SERVER_CMD="node $ANCHOR/server.js"
    PORT="$PORT" "${SERVER_PIN[@]}" node "$HERE/.anchors/$ANCHOR/server.js" > "$WORK/server.log" 2>&1 &
    PIDS+=($!)
    SPID="${PIDS[0]}"
    STARTUP_MS=$(wait_accept "$PORT" "$T0")
    URL="ws://127.0.0.1:$PORT$NODE_PATH_PART"
    ;;
  cluster)
    command -v redis-server >/dev/null || { echo "cluster needs redis-server (apt-get install redis-server)" >&2; exit 2; }
    REDIS_ARGS=(--port "$REDIS_PORT")
    REDIS_ENV=(SIGNALING_ROUTER=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT")
    if [ "${CLUSTER_REDIS_TLS:-0}" = 1 ]; then
      openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/redis-key.pem" -out "$WORK/redis-cert.pem" -days 2 \
        -subj /CN=bench-redis -addext subjectAltName=IP:127.0.0.1 > "$WORK/openssl.log" 2>&1
      REDIS_ARGS=(--port 0 --tls-port "$REDIS_PORT" --tls-cert-file "$WORK/redis-cert.pem"
        --tls-key-file "$WORK/redis-key.pem" --tls-ca-cert-file "$WORK/redis-cert.pem" --tls-auth-clients no)
      REDIS_CLI+=(--tls --cacert "$WORK/redis-cert.pem")
      REDIS_ENV=(SIGNALING_ROUTER=redis QUARKUS_REDIS_HOSTS="rediss://127.0.0.1:$REDIS_PORT"
        QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_ENABLED=true QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS="$WORK/redis-cert.pem"
        QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS)
    fi
    redis-server "${REDIS_ARGS[@]}" --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
    PIDS+=($!)
    wait_accept "$REDIS_PORT" "$T0" > /dev/null
    T0=$(now_ms)
    start_ours "$PORT"  "${REDIS_ENV[@]}"
    SPID="${PIDS[1]}"
    start_ours "$PORT2" "${REDIS_ENV[@]}"
    STARTUP_MS=$(wait_accept "$PORT" "$T0")
    READY_MS=$(wait_ready "$PORT" "$T0")
    wait_ready "$PORT2" "$T0" > /dev/null
    URL="ws://127.0.0.1:$PORT$OUR_PATH,ws://127.0.0.1:$PORT2$OUR_PATH"
    ;;
  *) echo "unknown server $SERVER (jvm | native | node | cluster)" >&2; exit 2 ;;
esac

REDIS_PEAK=null
if [ "$SERVER" = cluster ]; then
  # Redis's own memory, sampled every second: what the shared state costs per peer and per room.
  ( peak=0
    while sleep 1; do
      m=$("${REDIS_CLI[@]}" info memory 2>/dev/null | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}')
      [ -n "$m" ] && [ "$m" -gt "$peak" ] && peak=$m && echo "$peak" > "$WORK/redis-peak"
    done ) &
  PIDS+=($!)
  "${REDIS_CLI[@]}" info memory | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}' > "$WORK/redis-base"
fi

# Redis's CPU seconds so far (user + system, main thread and children).
redis_cpu_sec() {
  "${REDIS_CLI[@]}" info cpu | tr -d '\r' \
    | awk -F: '/^used_cpu_(user|sys):/ {s += $2} END {printf "%.2f", s}'
}
if [ "$SERVER" = cluster ]; then
  REDIS_CPU0=$(redis_cpu_sec)
  SECOND_CPU0=$(cpu_sec "${PIDS[2]}")
fi

PROFILE_FILE=""
if [ -n "$SERVER_PROFILE" ]; then
  [ "$SERVER" = jvm ] || [ "$SERVER" = cluster ] || { echo "SERVER_PROFILE profiles our JVM server only" >&2; exit 2; }
  PROFILE_FILE="${SERVER_PROFILE_FILE:-$ROOT/target/profile-$PROTO-$SERVER_PROFILE.collapsed}"
  mkdir -p "$(dirname "$PROFILE_FILE")"
  rm -f "$PROFILE_FILE"
  PROFILER_LIB="$(async_profiler_lib)"
  case "$SERVER_PROFILE" in
    cpu|itimer|wall) PROFILE_INTERVAL="${SERVER_PROFILE_INTERVAL:-5ms}" ;;
    *) PROFILE_INTERVAL="${SERVER_PROFILE_INTERVAL:-}" ;;
  esac
  PROFILE_OPTIONS="start,event=$SERVER_PROFILE${PROFILE_INTERVAL:+,interval=$PROFILE_INTERVAL}"
  PROFILE_OPTIONS="$PROFILE_OPTIONS,timeout=${SERVER_PROFILE_SECONDS:-10},file=$PROFILE_FILE"
  # jcmd would read key=value words as its own options: the agent's option string goes in as one quoted argument.
  ( sleep "${SERVER_PROFILE_AFTER:-10}"
    "$(dirname "$(readlink -f "$(command -v "$SERVER_JAVA")")")/jcmd" "$SPID" JVMTI.agent_load "$PROFILER_LIB" \
      "\"$PROFILE_OPTIONS\"" \
      > "$WORK/profiler.out" 2>&1
    grep -q 'return code: 0' "$WORK/profiler.out" || { echo "async-profiler did not start:" >&2; cat "$WORK/profiler.out" >&2; }
  ) &
  PIDS+=($!)
fi

set +e
# shellcheck disable=SC2086
"${LOADGEN_PIN[@]}" java $LOADGEN_JAVA_OPTS -jar "$LOADGEN_JAR" --proto "$PROTO" --url "$URL" --server-pid "$SPID" "$@" > "$WORK/loadgen.out"
LOADGEN_EXIT=$?
set -e
RESULT="$(grep '^RESULT ' "$WORK/loadgen.out" | head -1 | cut -c8-)"
[ -n "$RESULT" ] || RESULT=null
REDIS_FIELDS=""
if [ -f "$WORK/redis-peak" ]; then
  REDIS_FIELDS=",\"redisUsedMemoryBase\":$(cat "$WORK/redis-base"),\"redisUsedMemoryPeak\":$(cat "$WORK/redis-peak")"
fi
if [ "$SERVER" = cluster ]; then
  # The rest of the cluster's CPU over the whole load generator run (warm-up included; the loadgen's window
  # covers instance 1 only): Redis, and the second instance. Per script call, Redis's own figure.
  REDIS_CPU1=$(redis_cpu_sec)
  SECOND_CPU1=$(cpu_sec "${PIDS[2]}")
  EVAL_USEC=$("${REDIS_CLI[@]}" info commandstats | tr -d '\r' \
    | sed -n 's/^cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p')
  REDIS_FIELDS="$REDIS_FIELDS,\"redisCpuSec\":$(awk -v a="$REDIS_CPU0" -v b="$REDIS_CPU1" 'BEGIN {printf "%.2f", b - a}')"
  REDIS_FIELDS="$REDIS_FIELDS,\"instance2CpuSec\":$(awk -v a="$SECOND_CPU0" -v b="$SECOND_CPU1" 'BEGIN {printf "%.2f", b - a}')"
  REDIS_TLS=false; [ "${CLUSTER_REDIS_TLS:-0}" = 1 ] && REDIS_TLS=true
  REDIS_FIELDS="$REDIS_FIELDS,\"redisUsecPerScript\":${EVAL_USEC:-null},\"redisTls\":$REDIS_TLS"
fi
PROFILE_FIELD=""
if [ -n "$PROFILE_FILE" ]; then
  if [ -s "$PROFILE_FILE" ]; then
    case "$SERVER_PROFILE" in
      # The summary sorts time by thread and owner; an alloc or lock profile's stacks end in what was allocated or
      # locked, so those are left to a flame graph of the file.
      cpu|itimer|wall) java -cp "$LOADGEN_JAR" dev.signaling.bench.ProfileSummary "$PROFILE_FILE" >&2 ;;
      *) echo "profile: $PROFILE_FILE" >&2 ;;
    esac
    PROFILE_FIELD=",\"profileFile\":\"$PROFILE_FILE\""
  else
    echo "no profile in $PROFILE_FILE: SERVER_PROFILE_AFTER + SERVER_PROFILE_SECONDS must end before the load generator does" >&2
  fi
fi
printf '{"server":"%s","proto":"%s","startupMs":%s,"readyMs":%s,"serverCmd":"%s","loadgenExit":%s%s%s,"loadgen":%s}\n' \
  "$SERVER" "$PROTO" "$STARTUP_MS" "$READY_MS" "$SERVER_CMD" "$LOADGEN_EXIT" "$REDIS_FIELDS" "$PROFILE_FIELD" "$RESULT"
exit "$LOADGEN_EXIT"
