#!/usr/bin/env bash
# Many runs at once (issue 17, part 2): one local-mode app, driven through its public REST API only.
#
#   bench/run-scale.sh [--closed=10000] [--open=1000] [--clients=4] [--jar=api/target/rehearsal.jar]
#                      [--work-dir=DIR] [--keep] [harness options: --makers=16 --samples=2000 --list-samples=500
#                      --max-seconds=30 --burst=50 --poll-ms=50 --oldest=20 --closers=32 --reject-every=10
#                      --checkpoint=2000]
#   bench/run-scale.sh --closed=1000 --open=100     # a quick check, about 6 minutes on a busy 2-core VM
#   bench/run-scale.sh                              # the full size: about 40 minutes on a busy 2-core VM
#
# Starts the jar (built with `./mvnw -B -q -o -DskipTests package` when the default one is missing) with its own data
# directory, free ports and three configured users (an ENGINEER who starts runs, an APPROVER who rejects the ones to
# close at sign-off, an AUDITOR who reads), waits until it is ready, runs dev.rehearsal.bench.ScaleBench against it
# (compiled with javac alone: it needs only the JDK), stops the app and deletes the work directory unless --keep. The
# app's JVM flags are SCALE_APP_JAVA_OPTS (default: none, like the Docker image's `java -jar`); the harness prints
# them with the results. Results go to stdout, progress to stderr, the app's log to WORK_DIR/app.log.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

jar=
work=
keep=false
harness_args=()
for arg in "$@"; do
  case "$arg" in
    --jar=*) jar=${arg#--jar=} ;;
    --work-dir=*) work=${arg#--work-dir=} ;;
    --keep) keep=true ;;
    --url=* | --app-pid=* | --data-dir=*) echo "run-scale.sh sets $arg itself" >&2; exit 64 ;;
    *) harness_args+=("$arg") ;;
  esac
done

if [ -z "$jar" ]; then
  jar=$repo/api/target/rehearsal.jar
  if [ ! -f "$jar" ]; then
    echo "building $jar" >&2
    ./mvnw -B -q -o -DskipTests package
  fi
fi
[ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 1; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")

# The harness needs nothing but the JDK: compile it alone, without the bench module's dependencies.
classes=$repo/bench/target/scale-classes
rm -rf "$classes" && mkdir -p "$classes"
javac -nowarn -d "$classes" bench/src/main/java/dev/rehearsal/bench/{Scale*,BenchArgs,BenchOutput}.java

if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/rehearsal-scale-bench.XXXXXX")
else
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  [ -z "$(ls -A "$work")" ] || { echo "--work-dir $work is not empty" >&2; exit 64; }
fi
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ "$keep" = true ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

token() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
export SCALE_ENGINEER_TOKEN SCALE_APPROVER_TOKEN SCALE_AUDITOR_TOKEN
SCALE_ENGINEER_TOKEN=$(token)
SCALE_APPROVER_TOKEN=$(token)
SCALE_AUDITOR_TOKEN=$(token)
umask 077
cat >"$work/users.yaml" <<YAML
rehearsal:
  security:
    users:
      - { name: erin, roles: [ENGINEER], token: "sha256:$(sha "$SCALE_ENGINEER_TOKEN")" }
      - { name: aaron, roles: [APPROVER], token: "sha256:$(sha "$SCALE_APPROVER_TOKEN")" }
      - { name: audrey, roles: [AUDITOR], token: "sha256:$(sha "$SCALE_AUDITOR_TOKEN")" }
YAML

port=$(free_port) || { echo "no free port found" >&2; exit 1; }
echo "starting $jar on 127.0.0.1:$port (log: $work/app.log)" >&2
# Local mode (no TEMPORAL_ADDRESS); the embedded Temporal service on a free port of its own (0).
# shellcheck disable=SC2086
env -u TEMPORAL_ADDRESS REHEARSAL_DATA_DIR="$work/data" SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
  TEMPORAL_LOCAL_PORT=0 java ${SCALE_APP_JAVA_OPTS:-} -jar "$jar" \
  --spring.config.additional-location="file:$work/users.yaml" >"$work/app.log" 2>&1 &
app_pid=$!

url=http://127.0.0.1:$port
started=$(date +%s)
until curl -sf -o /dev/null "$url/actuator/health/readiness"; do
  kill -0 "$app_pid" 2>/dev/null || { echo "the app exited; its log:" >&2; tail -50 "$work/app.log" >&2; exit 1; }
  [ $(($(date +%s) - started)) -lt 180 ] || { echo "the app was not ready after 180 s" >&2; exit 1; }
  sleep 0.5
done
echo "ready after $(($(date +%s) - started)) s" >&2

jar_repo=$(dirname "$jar")
echo "jar: $jar, built $(stat -c %y "$jar" | cut -d. -f1); its work tree: $(git -C "$jar_repo" rev-parse --short HEAD \
  2>/dev/null || echo '?') with $(git -C "$jar_repo" status --porcelain -uno 2>/dev/null | wc -l) changed files"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "temporal: $(grep -m1 -o 'IN-MEMORY test server\|temporal server start-dev' "$work/app.log" || echo 'see app.log')"
# Not exec: the trap stops the app afterwards.
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classes" dev.rehearsal.bench.ScaleBench \
  --url="$url" --app-pid="$app_pid" --data-dir="$work/data" "${harness_args[@]}"
