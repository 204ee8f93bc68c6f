# Shared by bench/run.sh and bench/soak.sh (sourced, not run): how our server is started for a benchmark, and how
# to wait for it.

# Benchmarks send far more than a browser: lift the per-connection rate limit and the connection caps
# (19,900 stays under this machine's 20,000 open files per process).
SERVER_ENV=(
  SIGNALING_RATE_LIMIT_MESSAGES_PER_SECOND=10000000
  SIGNALING_RATE_LIMIT_BURST=10000000
  SIGNALING_LIMITS_MAX_CONNECTIONS=19900
  SIGNALING_LIMITS_MAX_CONNECTIONS_PER_IP=19900
  SIGNALING_LIMITS_MAX_ROOMS_PER_PEER=1000
  QUARKUS_LOG_CONSOLE_LEVEL=WARN
)

# The path of our server's endpoint for a load generator protocol.
our_path() {
  case "$1" in
    signal)   echo /signal ;;
    login)    echo /compat/login ;;
    socketio) echo /socket.io/ ;;
    *) echo "unknown protocol $1" >&2; return 2 ;;
  esac
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Waits for a TCP accept on $1, prints the ms since $2.
wait_accept() {
  for _ in $(seq 6000); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then echo $(( $(now_ms) - $2 )); return 0; fi
    sleep 0.005
  done
  echo "server on port $1 did not start" >&2; return 1
}
# Waits for /q/health/ready on port $1 to answer 200, prints the ms since $2.
wait_ready() {
  for _ in $(seq 6000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; then echo $(( $(now_ms) - $2 )); return 0; fi
    sleep 0.005
  done
  echo "server on port $1 never got ready" >&2; return 1
}
# CPU seconds a process has used so far (user + system, from /proc; clock ticks of 1/100 s).
cpu_sec() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat" 2>/dev/null || echo null; }
