package dev.rehearsal.activities.load;

import java.util.concurrent.atomic.LongAdder;

/** Live counts of one phase (warm-up or measured), for progress and the report's totals. */
final class PhaseCounters {
  final LongAdder sent = new LongAdder();
  /** Sent before the load ended: the achieved rate. Requests queued behind a slow target may go out later. */
  final LongAdder sentInTime = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder dropped = new LongAdder();

  void completed(boolean ok) {
    completed.increment();
    if (!ok) {
      errors.increment();
    }
  }
}
