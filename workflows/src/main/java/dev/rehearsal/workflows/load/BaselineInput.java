package dev.rehearsal.workflows.load;

import java.util.Map;

/** The gated figures of a signed-off rehearsal, by gate name. */
public record BaselineInput(String plan, String environment, String runId, Map<String, Double> figures) {}
