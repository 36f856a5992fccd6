package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.plan.TargetSpec;

/** An HTTP check with its effective timeout and its target (whose secret references activities resolve). */
public record HttpStepInput(String step, HttpSpec http, long timeoutMillis, TargetSpec target) {}
