package dev.rehearsal.workflows.postgres;

import dev.rehearsal.plan.SqlSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/** A sql step with its target and, for writes, the plan's production guard patterns. */
public record SqlInput(
    String step, SqlSpec spec, long timeoutMillis, String targetName, TargetSpec target, List<String> guardPatterns) {}
