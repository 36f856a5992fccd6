package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In local mode the list, its filters and the inbox are answered from what runs told as they progressed: however
 * many lists are read, no open run is queried, and the list still shows each run's status and readiness as it
 * changes (sign-off awaited, then signed off).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListingAsksNoOpenRunTest {
  private static final AtomicInteger QUERIES = new AtomicInteger();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("rehearsal.data-dir", () -> tempDir());
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry);
  }

  /** Every query the app sends Temporal passes through here. */
  @TestConfiguration
  static class CountQueries {
    @Bean
    static BeanPostProcessor countingQueries() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (!(bean instanceof WorkflowClient client)) {
            return bean;
          }
          return WorkflowClient.newInstance(client.getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder(client.getOptions())
              .setInterceptors(new WorkflowClientInterceptorBase() {
                @Override
                public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
                  return new WorkflowClientCallsInterceptorBase(next) {
                    @Override
                    public <R> QueryOutput<R> query(QueryInput<R> input) {
                      QUERIES.incrementAndGet();
                      return super.query(input);
                    }
                  };
                }
              }).build());
        }
      };
    }
  }

  @Test
  void listsAndTheInboxQueryNoOpenRunYetFollowEachRun() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", body("v" + i));
      assertThat(started.status()).as(started.body()).isEqualTo(201);
      ids.add(started.json().get("id").asText());
    }
    JsonNode waiting = Await.value(() -> api().get("/api/v1/rehearsals?plan=quiet", LocalApp.DAVE).json().get("items"),
        items -> items.size() == 4 && all(items, "status", "AWAITING_APPROVAL"), "the runs awaiting sign-off in the list");
    assertThat(waiting).allSatisfy(run -> assertThat(run.get("readiness").asText()).isEqualTo("NOT_ASSESSED"));

    int before = QUERIES.get();
    for (int i = 0; i < 10; i++) {
      assertThat(api().get("/api/v1/rehearsals", LocalApp.DAVE).json().get("items")).hasSizeGreaterThanOrEqualTo(4);
      assertThat(api().get("/api/v1/rehearsals?status=AWAITING_APPROVAL&environment=staging&limit=2", LocalApp.DAVE)
          .json().get("items")).hasSize(2);
      assertThat(api().get("/api/v1/inbox", LocalApp.BOB).json().get("items")).hasSizeGreaterThanOrEqualTo(4);
    }
    assertThat(QUERIES.get()).as("queries sent while listing 30 times").isEqualTo(before);

    ApiClient.Response approved = api().postJson("/api/v1/rehearsals/" + ids.get(0) + "/approvals", LocalApp.BOB,
        Map.of("decision", "APPROVE"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode signedOff = Await.value(() -> api().get("/api/v1/rehearsals?status=SUCCEEDED&plan=quiet", LocalApp.DAVE).json().get("items"),
        items -> items.size() == 1, "the signed-off run in the list");
    assertThat(signedOff.get(0).get("id").asText()).isEqualTo(ids.get(0));
    assertThat(api().get("/api/v1/inbox", LocalApp.BOB).json().get("items"))
        .noneSatisfy(item -> assertThat(item.get("runId").asText()).isEqualTo(ids.get(0)));
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private static boolean all(JsonNode items, String field, String value) {
    for (JsonNode item : items) {
      if (!item.path(field).asText().equals(value)) {
        return false;
      }
    }
    return true;
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("rehearsal-listing").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String body(String rc) {
    return """
        releaseCandidate: %s
        plan:
          apiVersion: rehearsal/v1
          name: quiet
          environment: staging
          phases:
            signoff: {}
        """.formatted(rc);
  }
}
