package dev.rehearsal.activities.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A stream with every occurrence of the given secrets' bytes replaced by the mask, for files kept as evidence (a
 * tool's artifact may quote a token it was given). It holds back the last few bytes of each chunk until it knows
 * whether a secret starts there, so a secret split across reads is masked whole.
 */
final class MaskingInputStream extends InputStream {
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final List<byte[]> secrets;
  private final byte[] mask;
  private final int longest;
  private byte[] pending = new byte[0];
  private byte[] ready = new byte[0];
  private int readyAt;
  private boolean ended;

  MaskingInputStream(InputStream in, List<byte[]> secrets, byte[] mask) {
    this.in = in;
    // Longest first, so a secret that contains another is masked as itself.
    this.secrets = secrets.stream().sorted(Comparator.comparingInt((byte[] s) -> s.length).reversed()).toList();
    this.mask = mask;
    this.longest = this.secrets.isEmpty() ? 1 : this.secrets.get(0).length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (readyAt >= ready.length) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, ready.length - readyAt);
    System.arraycopy(ready, readyAt, b, off, n);
    readyAt += n;
    return n;
  }

  /** Masks what can be decided of the pending bytes plus the next chunk; false at the end of everything. */
  private boolean fill() throws IOException {
    if (ended && pending.length == 0) {
      return false;
    }
    byte[] chunk = ended ? new byte[0] : in.readNBytes(CHUNK);
    ended |= chunk.length == 0;
    byte[] data = Arrays.copyOf(pending, pending.length + chunk.length);
    System.arraycopy(chunk, 0, data, pending.length, chunk.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    int i = 0;
    // A position can be decided once a whole secret fits after it, or at the end of the stream.
    while (i < data.length && (ended || i <= data.length - longest)) {
      byte[] secret = secretAt(data, i);
      if (secret != null) {
        out.write(mask);
        i += secret.length;
      } else {
        out.write(data[i++]);
      }
    }
    pending = Arrays.copyOfRange(data, i, data.length);
    ready = out.toByteArray();
    readyAt = 0;
    return true;
  }

  private byte[] secretAt(byte[] data, int at) {
    for (byte[] secret : secrets) {
      if (at + secret.length <= data.length && Arrays.equals(data, at, at + secret.length, secret, 0, secret.length)) {
        return secret;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
