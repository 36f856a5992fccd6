#!/usr/bin/env bash
# Start-up of the command line: wall time of `java -jar JAR <command>` and of bin/rehearsal, against the JVM's own
# floor (`java -version`). Builds nothing. Usage: bench/cli-startup.sh [JAR] [RUNS]   (defaults: the api jar, 10)
# `status` runs against a stub server (python3, canned answer) and against a closed port. Results: bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$(readlink -f "${1:-$here/../api/target/rehearsal.jar}")
runs=${2:-10}
plan=$here/../examples/plans/quickstart.yaml
wrapper=$here/../bin/rehearsal
[ -f "$jar" ] || { echo "no jar at $jar (./mvnw -B -q -o -DskipTests package)" >&2; exit 64; }

work=$(mktemp -d)
stub_pid=
cleanup() { [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A server that answers every GET with one run's state, so only the client's own time is measured.
python3 - "$work/port" <<'PY' &
import http.server, json, sys
state = json.dumps({"id": "rh-bench", "status": "AWAITING_APPROVAL", "phase": "signoff", "readiness": "PASS",
                    "steps": [], "gates": []}).encode()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(state)))
        self.end_headers()
        self.wfile.write(state)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1] + ".tmp", "w").write(str(server.server_port))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
PY
stub_pid=$!
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
up=http://127.0.0.1:$(cat "$work/port")
closed=http://127.0.0.1:$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export REHEARSAL_TOKEN=bench-token XDG_CACHE_HOME=$work/cache REHEARSAL_JAR=$jar

# Median and 90th percentile, in ms, of RUNS wall times of a command; its exit code must be the expected one.
measure() {
  local expect=$1; shift
  local times=() start code
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    set +e; "$@" >/dev/null 2>&1; code=$?; set -e
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    [ "$code" = "$expect" ] || { echo "exit $code (expected $expect): $*" >&2; exit 1; }
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '{t[NR] = $1} END {
    p50 = t[int((n + 1) / 2)]; i = int(0.9 * n + 0.999); if (i < 1) i = 1; print p50, t[i] }'
}

read -r floor floor90 < <(measure 0 java -version)
row() {
  local label=$1; shift
  read -r p50 p90 < <(measure "$@")
  awk -v l="$label" -v a="$p50" -v b="$p90" -v f="$floor" 'BEGIN { printf "%-44s %6d %6d %7.1fx\n", l, a, b, a / f }'
}
first_use() {
  local start; start=$(date +%s%N); "$@" >/dev/null 2>&1 || true
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}

echo "$(date -u +%FT%TZ)  $(nproc) cores  load $(cut -d' ' -f1-3 /proc/loadavg)  $(java -version 2>&1 | head -1)"
echo "jar $jar, $runs runs each; wall ms"
printf '%-44s %6s %6s %8s\n' command median p90 'x floor'
printf '%-44s %6d %6d %7.1fx\n' 'java -version (JVM floor)' "$floor" "$floor90" 1
row 'java -jar validate PLAN' 0 java -jar "$jar" validate "$plan"
row 'java -jar status ID (server up)' 0 java -jar "$jar" status rh-bench --url "$up"
row 'java -jar status ID (unreachable)' 69 java -jar "$jar" status rh-bench --url "$closed"
echo "bin/rehearsal first use (extract + archive): validate $(first_use "$wrapper" validate "$plan") ms," \
  "status $(first_use "$wrapper" status rh-bench --url "$up") ms"
row 'bin/rehearsal validate PLAN' 0 "$wrapper" validate "$plan"
row 'bin/rehearsal status ID (server up)' 0 "$wrapper" status rh-bench --url "$up"
row 'bin/rehearsal status ID (unreachable)' 69 "$wrapper" status rh-bench --url "$closed"
