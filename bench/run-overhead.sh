#!/usr/bin/env bash
# What Rehearsal adds on top of Temporal: 200 runs of a plan with 7 http steps (Rehearsal's real workflow, worker and
# activities) vs a bare SDK workflow making the same 7 GETs, same in-memory service, all runs started at once.
#
#   bench/run-overhead.sh [--runs=200] [--steps=7] [--rounds=10] [--warmups=5] [--max-warmups=40] [--warmup=false] [--only=bare|rehearsal] [--no-archiver] [--state-feed] [--data-dir=DIR]
#
# Profiling aids: --no-archiver starts Rehearsal's runs without their archiver, to see what else a run costs;
# --state-feed adds RunStateFeed to its worker, as local mode does for its in-process list.
#
# Builds this checkout's workflows, activities and worker with the bench (-am, no install), so the figures are those
# of the product code in this tree, not of the SNAPSHOT jars in ~/.m2. Results to stdout, logs to stderr.
# BENCH_JAVA_OPTS adds JVM flags (e.g. -XX:StartFlightRecording=filename=overhead.jfr,settings=profile).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

build=(./mvnw -B -q -Pbench -pl bench -am package -DskipTests)
"${build[@]}" -o || "${build[@]}"

# target/lib is a private copy of the classpath (see bench/pom.xml), here with this tree's module jars.
exec java -Xms1g -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  dev.rehearsal.bench.OverheadBench "$@"
