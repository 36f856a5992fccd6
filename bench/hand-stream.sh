#!/usr/bin/env bash
# The other hand copy that keeps a reusable snapshot: one uncompressed custom-format dump streamed into pg_restore
# while tee keeps it in a file, into a fresh staging database. Dump and restore overlap; one job each.
#
# Inputs (environment): SRC, DST, DST_MAINT, DST_DB, PGPASSWORD as for hand-copy.sh
#                       FILE           the kept dump (must not exist yet)
set -euo pipefail

dropdb --maintenance-db="$DST_MAINT" --if-exists --force "$DST_DB"
createdb --maintenance-db="$DST_MAINT" -T template0 "$DST_DB"
pg_dump -Fc -Z0 "$SRC" | tee "$FILE" | pg_restore --exit-on-error -d "$DST"
