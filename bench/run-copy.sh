#!/usr/bin/env bash
# postgres.copy benchmark: Rehearsal (auto, stream, directory) vs the two hand copies that keep a reusable snapshot,
# on a ~1 GB production database of one table and of 50 tables of mixed sizes.
#
#   bench/run-copy.sh [--rows=N] [--tables=N] [--rounds=N] [--jobs=N] [--shapes=one,many] [--warmup=false]
#
# Defaults: 6,000,000 rows per shape (about 1.1 GB), 50 tables, 2 rounds, 2 jobs. Takes 10 to 20 minutes and needs
# about 3 GB free in java.io.tmpdir. Results go to stdout, logs to stderr. Unlike run-snapshot-restore.sh it builds
# the modules it needs from this checkout (-am) into their target directories and never installs anything into
# ~/.m2, so it measures the code of this working tree. Needs the PostgreSQL 15 client tools on PATH.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

for t in pg_dump pg_restore psql createdb dropdb; do
  "$t" --version 2>/dev/null | grep -q '(PostgreSQL) 15\.' || { echo "$t 15 is needed on PATH (postgresql-client-15)" >&2; exit 1; }
done

# workflows, activities, worker (with its test-jar) and bench, packaged in place; bench/target/lib gets their jars.
build=(./mvnw -B -q -Pbench -pl bench -am package -DskipTests)
"${build[@]}" -o || "${build[@]}"

exec java -Xms1g -Xmx2g -cp "bench/target/classes:bench/target/lib/*" \
  dev.rehearsal.bench.CopyBench --bench-dir="$repo/bench" "$@"
