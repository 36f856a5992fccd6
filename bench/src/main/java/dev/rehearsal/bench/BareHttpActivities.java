package dev.rehearsal.bench;

import io.temporal.activity.ActivityInterface;

/** The bare SDK baseline's only activity: one GET, as a plain Temporal user would write it. */
@ActivityInterface
public interface BareHttpActivities {
  String get(String url);
}
