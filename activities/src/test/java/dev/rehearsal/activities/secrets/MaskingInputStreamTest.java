package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Files kept as evidence (artifacts) carry no secret the attempt revealed, wherever it falls in the file. */
class MaskingInputStreamTest {
  private static final String TOKEN = "tok-3f9a2c7e51";

  private final SecretScope secrets = new SecretScope(Map.of("TOKEN", TOKEN, "SHORT", "tok-3f")::get);

  MaskingInputStreamTest() {
    secrets.resolve("${env:TOKEN} ${env:SHORT}");
  }

  @Test
  void aSecretSplitAcrossReadsIsMaskedWholeAndTheLongerSecretWins() throws IOException {
    byte[] filler = "x".repeat(64 * 1024 - 5).getBytes(StandardCharsets.UTF_8);
    String text = new String(filler, StandardCharsets.UTF_8) + TOKEN + " and tok-3f alone and " + TOKEN;

    String kept = read(secrets.masking(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

    assertThat(kept).doesNotContain("tok-3f").doesNotContain("3f9a2c7e51")
        .endsWith(SecretScope.MASK + " and " + SecretScope.MASK + " alone and " + SecretScope.MASK);
    assertThat(kept).hasSize(filler.length + 3 * SecretScope.MASK.length() + " and  alone and ".length());
  }

  @Test
  void aFileWithoutSecretsIsKeptByteForByte() throws IOException {
    byte[] binary = new byte[300_000];
    new Random(7).nextBytes(binary);

    byte[] kept = secrets.masking(new ByteArrayInputStream(binary)).readAllBytes();

    assertThat(kept).isEqualTo(binary);
  }

  @Test
  void aSecretAtTheVeryEndIsMasked() throws IOException {
    String kept = read(secrets.masking(new ByteArrayInputStream(("token=" + TOKEN).getBytes(StandardCharsets.UTF_8))));

    assertThat(kept).isEqualTo("token=" + SecretScope.MASK);
  }

  @Test
  void aJsonEscapedFormSplitAcrossReadsIsMasked() throws IOException {
    SecretScope odd = new SecretScope(Map.of("ODD", "ab/cd+ef\"gh\u00e9Zz9931")::get);
    odd.resolve("${env:ODD}");
    String filler = "x".repeat(64 * 1024 - 7);
    String text = filler + "{\"t\":\"ab\\/cd+ef\\\"gh\\u00e9Zz9931\",\"u\":\"ab/cd+ef\\\"gh\u00e9Zz9931\"}";

    String kept = read(odd.masking(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

    assertThat(kept).isEqualTo(filler + "{\"t\":\"" + SecretScope.MASK + "\",\"u\":\"" + SecretScope.MASK + "\"}");
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
