package dev.rehearsal.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** The bare SDK baseline: GET {@code baseUrl/step-1} … {@code /step-N}, one activity each, in order. */
@WorkflowInterface
public interface BareHttpWorkflow {
  @WorkflowMethod
  List<String> run(String baseUrl, int steps);
}
