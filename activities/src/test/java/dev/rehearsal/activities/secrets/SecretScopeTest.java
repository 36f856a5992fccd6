package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
  void aCutNeverSplitsACharacter() {
    byte[] raw = "ééé".getBytes(StandardCharsets.UTF_8);

    assertThat(scope.maskThenCut(raw, false, 5)).isEqualTo(new SecretScope.Output("éé", true));
  }
}
