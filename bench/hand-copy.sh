#!/usr/bin/env bash
# What a careful engineer types to copy production into staging by hand, keeping a reusable snapshot:
# a parallel, uncompressed directory-format dump, a fresh staging database, a parallel restore.
#
# Inputs (environment): SRC, DST       libpq URLs of the source and target databases, without password
#                       DST_MAINT      libpq URL of a maintenance database on the target server (e.g. .../postgres)
#                       DST_DB         name of the target database (dropped and created again)
#                       DIR            dump directory (must not exist yet)
#                       JOBS           parallel jobs for pg_dump and pg_restore
#                       PGPASSWORD     the password, never on a command line
# Prints "phase <name> <seconds>" per phase on stdout, for the harness's breakdown.
set -euo pipefail

now() { date +%s.%N; }
phase() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "phase %s %.3f\n", n, b - a }'; }

t0=$(now)
pg_dump -Fd -j "$JOBS" -Z0 -f "$DIR" "$SRC"
t1=$(now)
dropdb --maintenance-db="$DST_MAINT" --if-exists --force "$DST_DB"
createdb --maintenance-db="$DST_MAINT" -T template0 "$DST_DB"
t2=$(now)
pg_restore -j "$JOBS" --exit-on-error -d "$DST" "$DIR"
t3=$(now)

phase dump "$t0" "$t1"
phase recreate "$t1" "$t2"
phase restore "$t2" "$t3"
