package dev.rehearsal.workflows.archive;

/** A run a keeper watches: when it was registered, when the keeper looks at it next, and the pause after that look. */
public record WatchedRun(String runId, long registeredAtMillis, long nextLookAtMillis, long pauseMillis) {}
