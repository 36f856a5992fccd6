package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Adds the runs' search attributes ({@link RunSearchAttributes}) to the namespace at start-up, one at a time (the
 * server refuses a whole request when one already exists). A server that does not let this client add them stops the
 * start-up with what an operator must run instead.
 */
final class SearchAttributeRegistration {
  private SearchAttributeRegistration() {}

  static void register(WorkflowServiceStubs stubs, String namespace, String target) {
    OperatorServiceGrpc.OperatorServiceBlockingStub operator = OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel());
    for (SearchAttributeKey<?> key : RunSearchAttributes.ALL) {
      try {
        operator.withDeadlineAfter(30, TimeUnit.SECONDS).addSearchAttributes(AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace).putSearchAttributes(key.getName(), key.getValueType()).build());
      } catch (StatusRuntimeException refused) {
        if (refused.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw new IllegalStateException("The Temporal server at " + target + " did not add the search attribute "
              + key.getName() + " to namespace " + namespace + " (" + refused.getStatus() + "). The run list uses them;"
              + " an operator can add them with: " + operatorCommands(namespace)
              + " (or set rehearsal.listing.source=index to list from the API's own index).", refused);
        }
      }
    }
  }

  private static String operatorCommands(String namespace) {
    return RunSearchAttributes.ALL.stream()
        .map(key -> "temporal operator search-attribute create --namespace " + namespace + " --name " + key.getName()
            + " --type " + key.getValueType().name().replace("INDEXED_VALUE_TYPE_", "").replace("KEYWORD_LIST", "KeywordList")
                .replace("KEYWORD", "Keyword").replace("DATETIME", "Datetime"))
        .collect(Collectors.joining("; "));
  }
}
