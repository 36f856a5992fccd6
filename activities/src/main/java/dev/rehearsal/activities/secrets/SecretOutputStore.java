package dev.rehearsal.activities.secrets;

import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret step outputs, kept where any worker sharing the data directory can read them: one file per run, step and
 * output, AES-GCM encrypted under a random key of this installation (created 0600 on first use). A file seals the
 * step and output names with the value, and the run as associated data: a value moved to another name or run does not
 * read as that one's, and every value of a run can be listed (each attempt masks them all, since a step may receive
 * a token it does not reference). Written atomically, names and value in one file, and synced before the producing
 * activity completes, so a worker that dies right after still leaves the value for the next step. The file names are
 * hashes, so the data directory holds neither a secret nor the names in plain text.
 */
public final class SecretOutputStore {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final FileAttribute<?> PRIVATE_DIR = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<?> PRIVATE_FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path dir;

  /** @param dataDir the worker's data directory (the evidence store's) */
  public SecretOutputStore(Path dataDir) {
    this.dir = dataDir.resolve("secret-outputs");
  }

  public void write(String runId, String step, String name, String value) {
    try {
      Path runDir = Files.createDirectories(dir.resolve(hash(runId)), PRIVATE_DIR);
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, runId).doFinal(plain(step, name, value));
      Path tmp = Files.createTempFile(runDir, ".tmp-", ".part", PRIVATE_FILE);
      writeSynced(tmp, ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
      Files.move(tmp, runDir.resolve(hash(step + "\0" + name)), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a secret output of step " + step, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a secret output of step " + step, e);
    }
  }

  /** The value, or empty when the step has not produced it in this run. */
  public Optional<String> read(String runId, String step, String name) {
    String refused = "secret output " + name + " of step " + step + " cannot be decrypted with this installation's key";
    return readFile(dir.resolve(hash(runId)).resolve(hash(step + "\0" + name))).map(file -> {
      Kept kept = open(runId, file, refused);
      if (!kept.step().equals(step) || !kept.name().equals(name)) {
        throw new SecretUnresolvedException(refused);
      }
      return kept.value();
    });
  }

  /** Every value the run's steps have produced so far. */
  public List<String> values(String runId) {
    Path runDir = dir.resolve(hash(runId));
    if (!Files.isDirectory(runDir)) {
      // Most runs keep no secret output: every step attempt asks, and a thrown NoSuchFileException costs far more.
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(runDir)) {
      files = list.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the secret outputs of run " + runId, e);
    }
    String refused = "a secret output of this run cannot be decrypted with this installation's key";
    // A file gone since the listing was dropped with its run (forget): nothing left to mask.
    return files.stream().map(this::readFile).flatMap(Optional::stream)
        .map(file -> open(runId, file, refused).value()).toList();
  }

  /** A value with the names it was kept under. */
  private record Kept(String step, String name, String value) {}

  private Optional<byte[]> readFile(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a secret output file", e);
    }
  }

  private Kept open(String runId, byte[] file, String refused) {
    try {
      byte[] nonce = Arrays.copyOf(file, NONCE_BYTES);
      byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, runId).doFinal(file, NONCE_BYTES, file.length - NONCE_BYTES);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
      return new Kept(in.readUTF(), in.readUTF(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read this installation's secret output key", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SecretUnresolvedException(refused);
    }
  }

  private static byte[] plain(String step, String name, String value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF(step);
    out.writeUTF(name);
    out.write(value.getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  /** Drops every secret output of a run: once it is closed and archived no step of it will read them again. */
  public void forget(String runId) {
    try {
      EvidenceStore.deleteRecursively(dir.resolve(hash(runId)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drop the secret outputs of run " + runId, e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String runId) throws GeneralSecurityException, IOException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(runId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** This installation's key; the first worker to need one creates it, and a second one racing it reads the winner's. */
  private byte[] key() throws IOException {
    Path key = dir.resolve("key");
    if (!Files.exists(key)) {
      Files.createDirectories(dir, PRIVATE_DIR);
      byte[] fresh = new byte[KEY_BYTES];
      RANDOM.nextBytes(fresh);
      Path tmp = Files.createTempFile(dir, ".key-", ".part", PRIVATE_FILE);
      writeSynced(tmp, fresh);
      try {
        Files.createLink(key, tmp);
        syncDirectory(dir);
      } catch (FileAlreadyExistsException raced) {
        // Another worker made it first: use theirs.
      } finally {
        Files.delete(tmp);
      }
    }
    byte[] bytes = Files.readAllBytes(key);
    if (bytes.length != KEY_BYTES) {
      throw new IOException("the secret output key " + key + " is damaged");
    }
    return bytes;
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(true);
    }
  }

  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
