package dev.rehearsal.workflows.load;

import dev.rehearsal.plan.LoadSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;

/**
 * A load step with its target (checked against the production guard again once resolved: load is never aimed at
 * production), and the plan and environment whose baseline it compares with.
 */
public record LoadInput(
    String step,
    LoadSpec spec,
    long timeoutMillis,
    String targetName,
    TargetSpec target,
    List<String> guardPatterns,
    String plan,
    String environment) {}
