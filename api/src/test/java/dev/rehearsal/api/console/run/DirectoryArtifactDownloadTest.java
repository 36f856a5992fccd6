package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.testing.Await;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * A kept directory ({@code artifacts: ["out/"]}) is listed as one evidence entry pinned by its manifest's sha256; its
 * link, on the run page and in the API, downloads a zip of its files with that manifest, so an approver can see and
 * check every byte the digest covers.
 */
class DirectoryArtifactDownloadTest extends ConsoleApp {
  @Test
  void aKeptDirectoryDownloadsAsAZipOfItsFilesAndManifest() throws Exception {
    ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", """
        releaseCandidate: v1.0.0-dir
        plan:
          apiVersion: rehearsal/v1
          name: directory-artifact
          environment: staging
          phases:
            smoke:
              - name: build
                command:
                  run: [sh, -c, "mkdir -p out/sub && echo hello > out/a.txt && echo deep > out/sub/b.txt"]
                  artifacts: ["out/"]
            signoff: {}
        """);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    JsonNode state = Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(),
        s -> s.get("status").asText().equals("AWAITING_APPROVAL"), id + " to await approval");
    JsonNode directory = null;
    for (JsonNode ref : state.at("/steps/0/evidence")) {
      if (ref.get("name").asText().equals("build.a1.artifact.out")) {
        directory = ref;
      }
    }
    assertThat(directory).as("the directory's entry in " + state.at("/steps/0/evidence")).isNotNull();

    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    assertThat(bob.get("/runs/" + id).body()).contains("/runs/" + id + "/evidence/build.a1.artifact.out\"");
    HttpResponse<byte[]> console = bob.getBytes("/runs/" + id + "/evidence/build.a1.artifact.out");
    HttpResponse<byte[]> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/v1/rehearsals/" + id + "/evidence/build.a1.artifact.out"))
        .header("Authorization", "Bearer " + LocalApp.DAVE).build(), HttpResponse.BodyHandlers.ofByteArray());

    for (HttpResponse<byte[]> download : java.util.List.of(console, rest)) {
      assertThat(download.statusCode()).as(download.uri().toString()).isEqualTo(200);
      assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
          d -> assertThat(d).startsWith("attachment").contains("build.a1.artifact.out.zip"));
      Map<String, String> entries = unzip(download.body());
      assertThat(entries).containsOnlyKeys("build.a1.artifact.out.sha256", "build.a1.artifact.out/a.txt",
          "build.a1.artifact.out/sub/b.txt");
      assertThat(entries.get("build.a1.artifact.out/a.txt")).isEqualTo("hello\n");
      String manifest = entries.get("build.a1.artifact.out.sha256");
      assertThat(manifest).contains(EvidenceStore.sha256("deep\n".getBytes(StandardCharsets.UTF_8)) + "  sub/b.txt");
      assertThat(EvidenceStore.sha256(manifest.getBytes(StandardCharsets.UTF_8)))
          .as("the sha256 the run lists for the directory is its manifest's").isEqualTo(directory.get("sha256").asText());
    }
    assertThat(console.body()).as("the same directory always zips to the same bytes").isEqualTo(rest.body());
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
