#!/usr/bin/env bash
# Builds what the benchmarks need, once:
#   - the load generator (bench/loadgen/target/loadgen.jar), with the project's Maven wrapper;
#   - the server jar (target/quarkus-app/), unless it is already built;
#   - the Node.js servers of the seeds we compare against ("anchors", from ../shared/bench/anchors), installed
#     from their lockfiles into bench/.anchors/ (the shared folder is read-only, and nothing of them is committed);
#   - the npm packages of bench/soak/ (the misbehaving clients of bench/soak.sh).
#   bench/setup.sh            (add --native to also build the native binary; needs /opt/graalvm-local)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED_ANCHORS="${SHARED_ANCHORS:-$ROOT/../shared/bench/anchors}"

echo "== load generator" >&2
(cd "$ROOT" && ./mvnw -q -B -f bench/loadgen/pom.xml package)

if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ]; then
  echo "== server jar" >&2
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
fi
if [ "${1:-}" = "--native" ] && [ ! -x "$ROOT/target/signaling-server-1.0.0-SNAPSHOT-runner" ]; then
  echo "== native binary" >&2
  (cd "$ROOT" && ./mvnw -q -B package -Dnative -DskipTests -Dquarkus.native.graalvm-home="${GRAALVM_HOME:-/opt/graalvm-local}")
fi

if [ ! -d "$HERE/soak/node_modules" ]; then
  echo "== the misbehaving clients of bench/soak.sh (ws, from npm)" >&2
  (cd "$HERE/soak" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -d "$SHARED_ANCHORS" ]; then
  for a in ws-login socketio-rooms; do
    dest="$HERE/.anchors/$a"
    if [ ! -d "$dest/node_modules" ]; then
      echo "== Node anchor $a" >&2
      mkdir -p "$dest"
      cp "$SHARED_ANCHORS/$a/package.json" "$SHARED_ANCHORS/$a/package-lock.json" "$SHARED_ANCHORS/$a/server.js" "$dest/"
      (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
else
  echo "(no $SHARED_ANCHORS: the Node.js comparison servers are skipped)" >&2
fi
echo "ok" >&2
