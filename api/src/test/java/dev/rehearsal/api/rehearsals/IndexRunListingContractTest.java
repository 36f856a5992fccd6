package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.LocalApp;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The list contract in local mode: the API's index on the in-memory server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndexRunListingContractTest extends RunListingContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-index-listing").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry);
  }
}
