package dev.rehearsal.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class BareHttpWorkflowImpl implements BareHttpWorkflow {
  private final BareHttpActivities http = Workflow.newActivityStub(BareHttpActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(60)).build());

  @Override
  public List<String> run(String baseUrl, int steps) {
    List<String> results = new ArrayList<>();
    for (int i = 1; i <= steps; i++) {
      results.add(http.get(baseUrl + "/step-" + i));
    }
    return results;
  }
}
