package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScopeTest {
  private static final String SECRET = "Ab7-kPq2Zq9xSecrt";

  private final SecretScope scope = new SecretScope(Map.of("TOKEN", SECRET)::get);

  @Test
  void theStartOfASecretLeftAtACutIsMasked() {
    scope.resolve("${env:TOKEN}");
    // The capture kept the limit plus one secret's length: it stopped inside the second secret.
    String raw = SECRET + "0".repeat(90) + SECRET;
    byte[] kept = raw.substring(0, 100 + scope.longestSecretBytes()).getBytes(StandardCharsets.UTF_8);

    SecretScope.Output output = scope.maskThenCut(kept, true, 100);

    assertThat(output.text()).isEqualTo("********" + "0".repeat(90) + "********");
    assertThat(output.cut()).isTrue();
  }

  @Test
  void outputThatFitsOnceMaskedIsNotCut() {
    scope.resolve("${env:TOKEN}");
    byte[] raw = ("0".repeat(90) + SECRET).getBytes(StandardCharsets.UTF_8);

    assertThat(scope.maskThenCut(raw, false, 100)).isEqualTo(new SecretScope.Output("0".repeat(90) + "********", false));
  }

  @Test
  void aLinkInAnAllowedDirectoryToAFileElsewhereIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path allowed = java.nio.file.Files.createDirectory(dir.resolve("allowed"));
    java.nio.file.Files.writeString(allowed.resolve("db"), "db-password");
    java.nio.file.Path outside = java.nio.file.Files.writeString(dir.resolve("users.yaml"), "token: approver-token");
    java.nio.file.Files.createSymbolicLink(allowed.resolve("link"), outside);
    SecretAllowList list = new SecretAllowList(Map.of("staging", new SecretAllowList.Allowed(List.of(), List.of(allowed + "/*"))));
    SecretScope gated = new SecretScope(Map.<String, String>of()::get, reference -> list.refusal("staging", reference));

    assertThat(gated.resolve("${file:" + allowed.resolve("db") + "}")).isEqualTo("db-password");
    assertThatThrownBy(() -> gated.resolve("${file:" + allowed.resolve("link") + "}"))
        .isInstanceOf(SecretUnresolvedException.class)
        .hasMessageContaining("${file:" + outside.toRealPath() + "} is not among the secrets");
  }

  /** Hostile re-test: a hard link carried the users file under an allowed name; /dev/zero read until memory ran out. */
  @Test
  void aHardLinkedOrNonRegularOrHugeFileIsNoSecret(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path users = java.nio.file.Files.writeString(dir.resolve("users.yaml"), "token: approver-token");
    java.nio.file.Path allowed = java.nio.file.Files.createDirectory(dir.resolve("allowed"));
    java.nio.file.Files.createLink(allowed.resolve("db"), users);
    java.nio.file.Files.write(allowed.resolve("big"), new byte[SecretFile.MAX_BYTES + 1]);
    SecretScope open = new SecretScope(Map.<String, String>of()::get);

    assertThatThrownBy(() -> open.resolve("${file:" + allowed.resolve("db") + "}"))
        .isInstanceOf(SecretUnresolvedException.class).hasMessageContaining("has 2 hard links");
    assertThatThrownBy(() -> open.resolve("${file:/dev/zero}"))
        .isInstanceOf(SecretUnresolvedException.class).hasMessageContaining("is not a regular file");
    assertThatThrownBy(() -> open.resolve("${file:" + allowed.resolve("big") + "}"))
        .isInstanceOf(SecretUnresolvedException.class).hasMessageContaining("is larger than");
  }

  @Test
  void aCutNeverSplitsACharacter() {
    byte[] raw = "ééé".getBytes(StandardCharsets.UTF_8);

    assertThat(scope.maskThenCut(raw, false, 5)).isEqualTo(new SecretScope.Output("éé", true));
  }

  /** Hostile test: a token with '"', '/' and a non-ASCII letter went JSON-escaped into summaries, evidence and history. */
  @Test
  void aSecretIsMaskedInEveryJsonEscapedFormWritersUse() throws Exception {
    String odd = "ab/cd+ef\"gh\u00e9Zz9931";
    SecretScope scope = new SecretScope(Map.of("ODD", odd)::get);
    scope.resolve("${env:ODD}");
    String jackson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("token", odd));

    assertThat(scope.mask(jackson)).isEqualTo("{\"token\":\"********\"}");
    assertThat(scope.mask("/tok is \"ab/cd+ef\\\"gh\u00e9Zz9931\"")).isEqualTo("/tok is \"********\"");
    assertThat(scope.mask("{\"token\":\"ab\\/cd+ef\\\"gh\\u00e9Zz9931\"}")).isEqualTo("{\"token\":\"********\"}");
    assertThat(scope.mask("ab\\/cd+ef\\\"gh\\u00E9Zz9931 and ab/cd+ef\\\"gh\\u00e9Zz9931 and " + odd))
        .isEqualTo("******** and ******** and ********");
  }

  @Test
  void anEscapedFormIsMaskedWholeAcrossACutAndItsStartMaskedAtTheEnd() {
    SecretScope scope = new SecretScope(Map.of("ODD", "ab/cd+ef\"gh\u00e9Zz9931")::get);
    scope.resolve("${env:ODD}");
    String escaped = "ab\\/cd+ef\\\"gh\\u00e9Zz9931";
    String raw = "0".repeat(90) + escaped + "0".repeat(20) + escaped;
    assertThat(scope.longestSecretBytes()).as("room for the longest form past a limit").isEqualTo(escaped.length());
    byte[] kept = raw.substring(0, 130 + scope.longestSecretBytes()).getBytes(StandardCharsets.UTF_8);

    SecretScope.Output output = scope.maskThenCut(kept, true, 130);

    assertThat(output.text()).isEqualTo("0".repeat(90) + "********" + "0".repeat(20) + "********");
  }

  @Test
  void aSecretShorterThanThreeCharactersIsNotMasked() {
    SecretScope scope = new SecretScope(Map.of("PIN", "42")::get);
    scope.resolve("${env:PIN}");

    assertThat(scope.mask("took 42 ms")).as("as docs/plans.md says").isEqualTo("took 42 ms");
  }

  @Test
  void everySecretOutputTheRunProducedSoFarIsMaskedWithoutBeingReferenced() {
    SecretScope scope = new SecretScope(name -> null, reference -> java.util.Optional.empty(), new RunOutputs() {
      @Override
      public java.util.Optional<String> read(String step, String name) {
        return java.util.Optional.empty();
      }

      @Override
      public List<String> all() {
        return List.of("sess-0123456789", "tok-\u00e9t\u00e9-2026");
      }

      @Override
      public void write(String step, String name, String value) {}
    });

    assertThat(scope.mask("Set-Cookie: sid=sess-0123456789; {\"t\":\"tok-\\u00e9t\\u00e9-2026\"}"))
        .isEqualTo("Set-Cookie: sid=********; {\"t\":\"********\"}");
  }

  @Test
  void textWithoutAWholeReferenceComesBackAsWrittenAndRevealsNothing() {
    assertThat(scope.resolve("/api/orders?limit=5")).isEqualTo("/api/orders?limit=5");
    assertThat(scope.resolve("cost: $5, ${env:TOKEN")).isEqualTo("cost: $5, ${env:TOKEN");
    assertThat(scope.resolve("${env:TOKEN} and ${parameters.rc}")).isEqualTo(SECRET + " and ${parameters.rc}");
    assertThat(scope.mask("token " + SECRET)).isEqualTo("token ********");
  }
}
