package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The list contract with {@code TEMPORAL_ADDRESS} set: the app lists through Temporal's visibility. The server is
 * the SDK's in-memory one behind {@link VisibilityFront}, which answers ListWorkflowExecutions by evaluating the
 * app's queries strictly over the runs' search attributes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the app (its worker polls this class's front) closes with this class
class VisibilityRunListingContractTest extends RunListingContract {
  private static final VisibilityFront FRONT = new VisibilityFront();

  @Autowired RehearsalService rehearsals;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-visibility-listing").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.address", FRONT::target);
    registerDigestUsers(registry);
  }

  /** The four users of {@link LocalApp}: outside local mode only token digests are accepted. */
  static void registerDigestUsers(DynamicPropertyRegistry registry) throws Exception {
    LocalApp.registerUsers(registry, new String[][] {{"alice", "ENGINEER", digest(LocalApp.ALICE), ""},
        {"bob", "APPROVER", digest(LocalApp.BOB), ""}, {"carol", "APPROVER", digest(LocalApp.CAROL), ""},
        {"dave", "AUDITOR", digest(LocalApp.DAVE), ""}});
  }

  private static String digest(String token) throws Exception {
    return "sha256:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** 0 and 4 await sign-off; 3 failed while starting, then 1 was approved, then 2 rejected. */
  @Override
  protected java.util.List<Integer> order() {
    return java.util.List.of(4, 0, 2, 1, 3);
  }

  @Test
  void filtersBecomeOneQuotedVisibilityQuery() {
    rehearsals.list(new RunFilter(dev.rehearsal.workflows.rehearsal.RunStatus.AWAITING_APPROVAL, "qa", "o'brien\\x", null,
        null, "bob", java.time.Instant.parse("2026-11-01T00:00:00Z"), null), 1, null);
    assertThat(FRONT.queries()).contains("WorkflowType = 'RehearsalWorkflow' AND TaskQueue = 'rehearsal' AND RehearsalStatus = 'AWAITING_APPROVAL'"
        + " AND ExecutionStatus = 'Running' AND RehearsalEnvironment = 'qa' AND RehearsalPlan = 'o\\'brien\\\\x'"
        + " AND RehearsalApprovers = 'bob' AND StartTime >= '2026-11-01T00:00:00Z'");
  }
}
