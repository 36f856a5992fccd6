package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.TargetSpec;
import java.util.List;
import java.util.Map;

/**
 * A command step with its effective timeout, the targets it declares it writes to, and the plan's production guard
 * patterns.
 */
public record CommandStepInput(
    String step, CommandSpec command, long timeoutMillis, Map<String, TargetSpec> writes, List<String> guardPatterns) {}
