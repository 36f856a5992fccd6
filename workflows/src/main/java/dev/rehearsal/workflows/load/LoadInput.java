package dev.rehearsal.workflows.load;

import dev.rehearsal.plan.LoadSpec;
import dev.rehearsal.plan.TargetSpec;

/** A load step with its target, and the plan and environment whose baseline it compares with. */
public record LoadInput(String step, LoadSpec spec, long timeoutMillis, TargetSpec target, String plan, String environment) {}
