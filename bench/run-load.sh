#!/usr/bin/env bash
# Load generator benchmark: Rehearsal's load generator vs wrk, against the same fast local target (nginx), at the same
# connection count, one tool after the other.
#
#   bench/run-load.sh [--connections=64,16] [--duration=10s] [--warmup=3s] [--wrk-threads=2] [--open-share=0.5]
#                     [--paced=false] [--rounds=N]
#
# Installs wrk and nginx with apt-get when they are missing (Debian, as root), builds only this module, starts nginx
# on a free port of 127.0.0.1 in its own process (a temporary config: `return 200 "ok"`, keep-alive, no access log),
# runs dev.rehearsal.bench.LoadBench against it and stops it. Results go to stdout, logs to stderr. Extra JVM flags for
# the generator's JVM (e.g. a JFR recording) in BENCH_JAVA_OPTS. Needs the other modules' 0.1.0-SNAPSHOT jars in
# ~/.m2 (./mvnw -B install -DskipTests). Takes about 3 minutes with the defaults.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    # Debian's postinst would start nginx as a service on port 80. A policy-rc.d that denies (Docker images have one)
    # prevents that; without one, a temporary one does, removed right after.
    policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    fi
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } ||
      echo "apt-get install ${missing[*]} failed" >&2
    [ -z "$policy" ] || rm -f "$policy"
  fi
fi
command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# Only this module: the others come from ~/.m2. Offline first, online if something is missing.
build=(./mvnw -B -q -Pbench -pl bench package -DskipTests)
"${build[@]}" -o || "${build[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/rehearsal-load-bench.XXXXXX")
target_pid=
cleanup() {
  if [ -n "$target_pid" ]; then
    kill "$target_pid" 2>/dev/null || true
    wait "$target_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    # Connection refused means nobody listens there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

wait_for_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
      return 0
    fi
    kill -0 "$target_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

port=$(free_port) || { echo "no free port found" >&2; exit 1; }
if [ -x "$nginx_bin" ]; then
  # One worker: the target gets one of the cores' worth at most, the client the rest (they share the machine).
  mkdir -p "$work/logs"
  cat >"$work/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / {
      default_type text/plain;
      return 200 "ok";
    }
  }
}
EOF
  "$nginx_bin" -p "$work" -c "$work/nginx.conf" &
  target_pid=$!
  target="nginx $("$nginx_bin" -v 2>&1 | sed 's|.*nginx/||'), 1 worker, return 200 \"ok\""
else
  # Fallback: a small keep-alive server in its own JVM (not the generator's).
  echo "nginx is not available; using dev.rehearsal.bench.RawHttpTarget" >&2
  java -Xmx256m -cp "bench/target/classes" dev.rehearsal.bench.RawHttpTarget --port="$port" &
  target_pid=$!
  target="RawHttpTarget (Java, thread per connection)"
fi
wait_for_port "$port" || { echo "the target did not start on port $port" >&2; exit 1; }

# Not exec: the trap stops the target afterwards. target/lib is a private copy of the classpath (see bench/pom.xml).
# shellcheck disable=SC2086
java -Xms512m -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" dev.rehearsal.bench.LoadBench \
  --url="http://127.0.0.1:$port/" --target-pid="$target_pid" --target="$target" --bench-dir="$repo/bench" "$@"
