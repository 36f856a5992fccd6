package dev.rehearsal.api.rehearsals;

import java.util.List;

/** A page of runs; {@code nextCursor} is null on the last page. */
public record RunPage(List<RunSummary> items, String nextCursor) {}
