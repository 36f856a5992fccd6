package dev.rehearsal.activities.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.secrets.RunOutputs;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.OutputSpec;
import dev.rehearsal.workflows.steps.OutputRequest;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TakenOutputsTest {
  private static final HttpHeaders HEADERS = HttpHeaders.of(
      Map.of("X-Request-ID", List.of("req-7"), "X-Evil", List.of("${env:DB_PASSWORD}")), (k, v) -> true);

  @Test
  void httpOutputsComeFromTheBodyHeadersAndStatusAndSecretOnesAreMaskedAtOnce() {
    SecretScope scope = new SecretScope(name -> null);
    TakenOutputs taken = new TakenOutputs(request(Map.of(
        "token", new OutputSpec("/token", null, null, null, null, null, true),
        "count", new OutputSpec("/items/0/n", null, null, null, null, null, null),
        "id", new OutputSpec(null, "x-request-id", null, null, null, null, null),
        "code", new OutputSpec(null, null, true, null, null, null, null))), scope)
        .fromHttp(201, HEADERS, "{\"token\":\"tok-abc-123\",\"items\":[{\"n\":3}]}".getBytes(StandardCharsets.UTF_8));

    assertThat(taken.problems()).isEmpty();
    assertThat(scope.mask("body: tok-abc-123")).isEqualTo("body: ********");
  }

  @Test
  void whatCannotBeTakenIsAProblemNamingTheOutputAndAValueHoldingAReferenceIsRefused() {
    TakenOutputs taken = new TakenOutputs(request(Map.of(
        "missing", new OutputSpec("/nope", null, null, null, null, null, null),
        "evil", new OutputSpec(null, "X-Evil", null, null, null, null, null),
        "absent", new OutputSpec(null, "X-Absent", null, null, null, null, null))), new SecretScope(name -> null))
        .fromHttp(200, HEADERS, "not json".getBytes(StandardCharsets.UTF_8));

    assertThat(taken.problems()).containsExactlyInAnyOrder(
        "output missing: the body is not JSON",
        "output evil holds '${', which a later step would read as a reference",
        "output absent: the response has no header X-Absent");
  }

  @Test
  void anOrdinaryOutputHoldingASecretIsRefused() {
    SecretScope scope = new SecretScope(Map.of("API_KEY", "key-0123456789")::get);
    scope.resolve("${env:API_KEY}");
    TakenOutputs taken = new TakenOutputs(request(Map.of(
        "echoed", new OutputSpec(null, null, null, "key=(\\S+)", null, null, null),
        "same", new OutputSpec(null, null, null, "copy=(\\S+)", null, null, null),
        "hidden", new OutputSpec(null, null, null, "again=(\\S+)", null, null, true))), scope)
        .fromCommand("key=key-0123456789\ncopy=abc-secret\nagain=abc-secret\n".getBytes(StandardCharsets.UTF_8),
            file -> TakenOutputs.Taken.missing("none"));

    assertThat(taken.problems()).containsExactlyInAnyOrder(
        "output echoed holds a secret value; mark it 'secret: true'",
        "output same holds a secret value; mark it 'secret: true'");
  }

  @Test
  void commandOutputsComeFromTheFirstGroupOrStdoutAsJson() {
    TakenOutputs taken = new TakenOutputs(request(Map.of(
        "major", new OutputSpec(null, null, null, "major=(\\d+)", null, null, null))), new SecretScope(name -> null))
        .fromCommand("minor=2\nmajor=16\nmajor=17\n".getBytes(StandardCharsets.UTF_8), file -> TakenOutputs.Taken.missing("none"));
    assertThat(taken.problems()).isEmpty();
    assertThat(taken.handOn()).containsExactlyEntriesOf(Map.of("major", "16"));

    TakenOutputs json = new TakenOutputs(request(Map.of(
        "tags", new OutputSpec("/tags", null, null, null, null, null, null))), new SecretScope(name -> null))
        .fromCommand("{\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8), file -> TakenOutputs.Taken.missing("none"));
    assertThat(json.handOn()).containsExactlyEntriesOf(Map.of("tags", "[\"a\",\"b\"]"));
  }

  /** Hostile test: a later step took the login's session cookie as an ordinary output, into history and state. */
  @Test
  void anOrdinaryOutputHoldingASecretOutputOfAnEarlierStepIsRefusedThoughTheStepNeverReferencedIt() {
    SecretScope scope = new SecretScope(name -> null, reference -> Optional.empty(), new RunOutputs() {
      @Override
      public Optional<String> read(String step, String name) {
        return Optional.empty();
      }

      @Override
      public List<String> all() {
        return List.of("sess-0123456789", "ab/cd+ef\"gh\u00e9Zz9931");
      }

      @Override
      public void write(String step, String name, String value) {}
    });
    HttpHeaders headers = HttpHeaders.of(Map.of("Set-Cookie", List.of("sid=sess-0123456789; Path=/")), (k, v) -> true);
    TakenOutputs taken = new TakenOutputs(request(Map.of(
        "cookie", new OutputSpec(null, "Set-Cookie", null, null, null, null, null),
        "echo", new OutputSpec("/echo", null, null, null, null, null, null),
        "user", new OutputSpec("/user", null, null, null, null, null, null))), scope)
        .fromHttp(200, headers, "{\"echo\":\"token ab\\/cd+ef\\\"gh\\u00e9Zz9931\",\"user\":\"rehearsal\"}"
            .getBytes(StandardCharsets.UTF_8));

    assertThat(taken.problems()).containsExactlyInAnyOrder(
        "output cookie holds a secret value; mark it 'secret: true'",
        "output echo holds a secret value; mark it 'secret: true'");
  }

  private static OutputRequest request(Map<String, OutputSpec> outputs) {
    return new OutputRequest("step", outputs);
  }
}
