package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At start-up the API adds the runs' search attributes one by one; ones the server already has are fine, and a server
 * that does not let it stops the start-up with what an operator must run.
 */
class SearchAttributeRegistrationTest {
  private final List<String> asked = new ArrayList<>();
  private Server server;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stop() {
    stubs.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void attributesTheServerAlreadyHasAreFine() {
    serve(name -> name.equals("RehearsalPlan") ? Status.ALREADY_EXISTS : null);

    SearchAttributeRegistration.register(stubs, "default", "temporal:7233");

    assertThat(asked).hasSize(RunSearchAttributes.ALL.size()).contains("RehearsalPlan", "RehearsalStatus", "RehearsalFinishedAt");
  }

  @Test
  void aServerThatRefusesStopsTheStartUpSayingWhatToRun() {
    serve(name -> Status.PERMISSION_DENIED.withDescription("not an admin"));

    assertThatThrownBy(() -> SearchAttributeRegistration.register(stubs, "shop", "temporal:7233"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("temporal:7233")
        .hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining("temporal operator search-attribute create --namespace shop --name RehearsalPlan --type Keyword")
        .hasMessageContaining("--name RehearsalApprovers --type KeywordList")
        .hasMessageContaining("--name RehearsalFinishedAt --type Datetime")
        .hasMessageContaining("rehearsal.listing.source=index");
  }

  @Test
  void aServerThatRefusesAddingStartsWhenAnOperatorCreatedThemAll() {
    Map<String, IndexedValueType> created = new HashMap<>();
    RunSearchAttributes.ALL.forEach(key -> created.put(key.getName(), key.getValueType()));
    serve(name -> Status.PERMISSION_DENIED.withDescription("not an admin"), created);

    SearchAttributeRegistration.register(stubs, "shop", "temporal:7233");

    assertThat(asked).as("nothing added").isEmpty();
  }

  @Test
  void onlyMissingAttributesAreAddedAndAWrongTypeStopsTheStartUp() {
    serve(name -> null, Map.of("RehearsalPlan", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    SearchAttributeRegistration.register(stubs, "shop", "temporal:7233");
    assertThat(asked).hasSize(RunSearchAttributes.ALL.size() - 1).doesNotContain("RehearsalPlan");
    stop();

    serve(name -> null, Map.of("RehearsalPlan", IndexedValueType.INDEXED_VALUE_TYPE_TEXT));
    assertThatThrownBy(() -> SearchAttributeRegistration.register(stubs, "shop", "temporal:7233"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RehearsalPlan is INDEXED_VALUE_TYPE_TEXT")
        .hasMessageContaining("--name RehearsalPlan --type Keyword");
  }

  private void serve(Function<String, Status> refusal) {
    serve(refusal, Map.of());
  }

  /** An OperatorService listing {@code existing} whose answer to each added attribute {@code refusal} gives (null: added). */
  private void serve(Function<String, Status> refusal, Map<String, IndexedValueType> existing) {
    String name = InProcessServerBuilder.generateName();
    try {
      server = InProcessServerBuilder.forName(name).directExecutor().addService(new OperatorServiceGrpc.OperatorServiceImplBase() {
        @Override
        public void listSearchAttributes(ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> answer) {
          answer.onNext(ListSearchAttributesResponse.newBuilder().putAllCustomAttributes(existing).build());
          answer.onCompleted();
        }

        @Override
        public void addSearchAttributes(AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> answer) {
          String attribute = request.getSearchAttributesMap().keySet().iterator().next();
          asked.add(attribute);
          Status refused = refusal.apply(attribute);
          if (refused != null) {
            answer.onError(refused.asRuntimeException());
          } else {
            answer.onNext(AddSearchAttributesResponse.getDefaultInstance());
            answer.onCompleted();
          }
        }
      }).build().start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setChannel(InProcessChannelBuilder.forName(name).directExecutor().build()).build());
  }
}
