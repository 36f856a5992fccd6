package dev.rehearsal.bench;

/** The three ways of copying production into staging that the snapshot/restore benchmark times. */
enum CopyMethod {
  HAND("hand", "hand-copy.sh: pg_dump -Fd -j N -Z0, dropdb/createdb, pg_restore -j N"),
  REHEARSAL("rehearsal", "postgres.snapshot -> postgres.restore, until AWAITING_APPROVAL"),
  NAIVE("naive pipe", "naive-pipe.sh: dropdb/createdb, pg_dump | psql");

  final String label;
  final String what;

  CopyMethod(String label, String what) {
    this.label = label;
    this.what = what;
  }
}
