package dev.rehearsal.workflows.postgres;

import dev.rehearsal.plan.CopySpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/** A copy step with its source and target (whose URLs activities resolve) and the plan's production guard patterns. */
public record CopyInput(
    String step,
    CopySpec spec,
    long timeoutMillis,
    TargetSpec source,
    String targetName,
    TargetSpec target,
    List<String> guardPatterns) {}
