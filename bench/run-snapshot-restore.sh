#!/usr/bin/env bash
# Snapshot + restore benchmark: Rehearsal vs the same pg_dump/pg_restore by hand vs a naive pg_dump | psql pipe.
#
#   bench/run-snapshot-restore.sh [--rows=N] [--rounds=N] [--jobs=N] [--warmup=false] [--breakdown=false]
#
# Defaults: 6,000,000 rows (about 1.1 GB), 2 rounds, 2 jobs. Takes several minutes at full size and needs about
# 3 GB free in java.io.tmpdir (two PostgreSQL data directories and a dump). Results go to stdout, logs to stderr.
# Needs the other modules' 0.1.0-SNAPSHOT jars in ~/.m2 (./mvnw -B install -DskipTests) and the PostgreSQL 15 client
# tools (pg_dump, pg_restore, psql, createdb, dropdb) on PATH, matching the embedded 15.x servers.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

need_tools() {
  for t in pg_dump pg_restore psql createdb dropdb; do
    command -v "$t" >/dev/null 2>&1 || return 1
    "$t" --version | grep -q '(PostgreSQL) 15\.' || return 1
  done
}
if ! need_tools; then
  echo "pg_dump, pg_restore, psql, createdb and dropdb 15 are needed on PATH; installing postgresql-client-15" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && apt-get install -y -q postgresql-client-15
  fi
  need_tools || { echo "PostgreSQL 15 client tools still missing: install postgresql-client-15" >&2; exit 1; }
fi

# Only this module: the others come from ~/.m2. Offline first, online if something is missing.
build=(./mvnw -B -q -Pbench -pl bench package -DskipTests)
"${build[@]}" -o || "${build[@]}"

# target/lib is a private copy of the classpath (see bench/pom.xml).
exec java -Xms1g -Xmx2g -cp "bench/target/classes:bench/target/lib/*" \
  dev.rehearsal.bench.SnapshotRestoreBench --bench-dir="$repo/bench" "$@"
