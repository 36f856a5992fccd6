package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.worker.TemporalEndpoint;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Picks the run list's source once, at start-up: Temporal's visibility on a real server ({@code TEMPORAL_ADDRESS}),
 * whose search attributes are then registered here, or the API's own index in local mode (the in-memory server has
 * no visibility). {@code rehearsal.listing.source} overrides the choice.
 */
@Component
public class RunListings {
  private static final Logger log = LoggerFactory.getLogger(RunListings.class);

  private final RunIndex index;
  private final CurrentRuns currentRuns;
  private final Archive archive;
  private final WorkflowClient client;
  private final TemporalEndpoint temporal;
  private final boolean visibility;
  private final String taskQueue;

  public RunListings(RunIndex index, CurrentRuns currentRuns, Archive archive, WorkflowClient client,
      TemporalEndpoint temporal, ListingProperties properties, RehearsalProperties rehearsal) {
    this.taskQueue = rehearsal.taskQueue();
    this.index = index;
    this.currentRuns = currentRuns;
    this.archive = archive;
    this.client = client;
    this.temporal = temporal;
    this.visibility = switch (properties.source()) {
      case AUTO -> temporal.kind().isRemote();
      case VISIBILITY -> true;
      case INDEX -> false;
    };
    if (visibility) {
      SearchAttributeRegistration.register(client.getWorkflowServiceStubs(), temporal.namespace(), temporal.target());
    }
    log.info("Run list: {}", visibility ? "Temporal visibility (search attributes)" : "the API's run index");
  }

  /** @param live asks an open run for its summary (the index listing's fallback); null when Temporal does not know it */
  RunListing choose(Function<RunSummary, RunSummary> live) {
    if (!visibility) {
      return new IndexRunListing(index, currentRuns, live);
    }
    WorkflowServiceStubs stubs = client.getWorkflowServiceStubs();
    return new VisibilityRunListing(stubs, temporal.namespace(), taskQueue, client.getOptions().getDataConverter(), archive, index,
        id -> RunSummary.of(client.newUntypedWorkflowStub(id).getResult(RehearsalState.class)));
  }
}
