#!/usr/bin/env bash
# The naive copy: a fresh staging database, then one plain-text pg_dump piped into psql. No snapshot is kept.
#
# Inputs (environment): SRC, DST, DST_MAINT, DST_DB, PGPASSWORD as for hand-copy.sh.
set -euo pipefail

dropdb --maintenance-db="$DST_MAINT" --if-exists --force "$DST_DB"
createdb --maintenance-db="$DST_MAINT" -T template0 "$DST_DB"
pg_dump "$SRC" | psql -X -q -v ON_ERROR_STOP=1 "$DST" >/dev/null
