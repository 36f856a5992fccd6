package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretOutputStoreTest {
  private static final String VALUE = "tok-very-secret-value";

  @TempDir Path data;

  @Test
  void aValueReadsBackInAnotherStoreOnTheSameDataDirectoryAndIsNowhereInPlainText() throws Exception {
    new SecretOutputStore(data).write("rh-1", "login", "token", VALUE);

    assertThat(new SecretOutputStore(data).read("rh-1", "login", "token")).contains(VALUE);
    assertThat(new SecretOutputStore(data).read("rh-2", "login", "token")).as("another run").isEmpty();
    assertThat(new SecretOutputStore(data).read("rh-1", "login", "other")).isEmpty();
    List<Path> files = files();
    assertThat(files).hasSize(2).allSatisfy(f -> {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(content).doesNotContain(VALUE).doesNotContain("login").doesNotContain("token");
      assertThat(f.toString()).doesNotContain("login").doesNotContain("rh-1");
    });
  }

  @Test
  void aLaterRunOfTheStepReplacesTheValue() {
    SecretOutputStore store = new SecretOutputStore(data);
    store.write("rh-1", "login", "token", "first-value");
    store.write("rh-1", "login", "token", "second-value");

    assertThat(store.read("rh-1", "login", "token")).contains("second-value");
  }

  @Test
  void anArchivedRunsValuesAreDroppedAndOtherRunsKeepTheirs() {
    SecretOutputStore store = new SecretOutputStore(data);
    store.write("rh-1", "login", "token", VALUE);
    store.write("rh-2", "login", "token", "tok-of-another-run");

    store.forget("rh-1");
    store.forget("rh-1");

    assertThat(store.read("rh-1", "login", "token")).isEmpty();
    assertThat(store.read("rh-2", "login", "token")).contains("tok-of-another-run");
  }

  @Test
  void aValueMovedUnderAnotherNameDoesNotDecrypt() throws Exception {
    SecretOutputStore store = new SecretOutputStore(data);
    store.write("rh-1", "login", "token", VALUE);
    store.write("rh-1", "login", "other", "x".repeat(10));
    Path runDir = files().stream().filter(f -> !f.getFileName().toString().equals("key")).findFirst().orElseThrow().getParent();
    List<Path> values = Files.list(runDir).sorted().toList();
    Files.copy(values.get(0), values.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    int refused = 0;
    for (String name : List.of("token", "other")) {
      try {
        store.read("rh-1", "login", name);
      } catch (SecretUnresolvedException e) {
        assertThat(e).hasMessageContaining("cannot be decrypted");
        refused++;
      }
    }
    assertThat(refused).as("the file that now holds the other name's value").isEqualTo(1);
  }

  @Test
  void everyValueOfARunIsListedAndNoneOfAnotherRun() {
    SecretOutputStore store = new SecretOutputStore(data);
    assertThat(store.values("rh-1")).as("before any step kept one").isEmpty();
    store.write("rh-1", "login", "token", VALUE);
    store.write("rh-1", "login", "cookie", "sid-0123456789");
    store.write("rh-1", "refresh", "token", "tok-refreshed");
    store.write("rh-1", "refresh", "token", "tok-refreshed-again");
    store.write("rh-2", "login", "token", "tok-of-another-run");

    assertThat(new SecretOutputStore(data).values("rh-1"))
        .containsExactlyInAnyOrder(VALUE, "sid-0123456789", "tok-refreshed-again");
    store.forget("rh-1");
    assertThat(store.values("rh-1")).isEmpty();
  }

  private List<Path> files() throws Exception {
    try (var walk = Files.walk(data)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
