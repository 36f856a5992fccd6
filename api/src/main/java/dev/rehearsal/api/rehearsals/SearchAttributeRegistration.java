package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Adds the runs' search attributes ({@link RunSearchAttributes}) the namespace lacks at start-up, one at a time (the
 * server refuses a whole request when one already exists). Ones an operator created already are left alone, so a
 * server that refuses this client adding attributes only stops the start-up when some are missing (with what an
 * operator must run) or have the wrong type.
 */
final class SearchAttributeRegistration {
  private SearchAttributeRegistration() {}

  static void register(WorkflowServiceStubs stubs, String namespace, String target) {
    OperatorServiceGrpc.OperatorServiceBlockingStub operator = OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel());
    Map<String, IndexedValueType> existing = existing(operator, namespace);
    List<String> mistyped = RunSearchAttributes.ALL.stream()
        .filter(key -> existing.containsKey(key.getName()) && existing.get(key.getName()) != key.getValueType())
        .map(key -> key.getName() + " is " + existing.get(key.getName()) + ", not " + key.getValueType()).toList();
    if (!mistyped.isEmpty()) {
      throw new IllegalStateException("Namespace " + namespace + " on the Temporal server at " + target
          + " has search attributes of the wrong type (" + String.join("; ", mistyped) + "). The run list needs: "
          + operatorCommands(namespace) + " (or set rehearsal.listing.source=index to list from the API's own index).");
    }
    for (SearchAttributeKey<?> key : RunSearchAttributes.ALL) {
      if (existing.containsKey(key.getName())) {
        continue;
      }
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

  /** The namespace's custom attributes; none known when the server does not let this client list them (then adding says). */
  private static Map<String, IndexedValueType> existing(OperatorServiceGrpc.OperatorServiceBlockingStub operator, String namespace) {
    try {
      return operator.withDeadlineAfter(30, TimeUnit.SECONDS)
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException refused) {
      return Map.of();
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
