package dev.rehearsal.bench;

/** The ways of copying production into staging that the copy benchmark times; hand ones keep a reusable snapshot. */
enum CopyRun {
  HAND_STREAM("hand stream", true, "hand-stream.sh: dropdb/createdb, pg_dump -Fc -Z0 | tee FILE | pg_restore"),
  HAND_DIRECTORY("hand directory", true, "hand-copy.sh: pg_dump -Fd -j N -Z0, dropdb/createdb, pg_restore -j N"),
  REHEARSAL_AUTO("rehearsal auto", false, "postgres.copy { method: auto }, until AWAITING_APPROVAL"),
  REHEARSAL_STREAM("rehearsal stream", false, "postgres.copy { method: stream }"),
  REHEARSAL_DIRECTORY("rehearsal directory", false, "postgres.copy { method: directory }");

  final String label;
  final boolean hand;
  final String what;

  CopyRun(String label, boolean hand, String what) {
    this.label = label;
    this.hand = hand;
    this.what = what;
  }

  /** The plan's {@code method} of a Rehearsal run. */
  String method() {
    return name().substring("REHEARSAL_".length()).toLowerCase(java.util.Locale.ROOT);
  }
}
