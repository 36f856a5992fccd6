package dev.rehearsal.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** History JSON carries payloads base64-encoded; a search for a leaked secret must look inside them too. */
public final class HistoryText {
  private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

  private HistoryText() {}

  public static String withDecodedPayloads(String historyJson) {
    StringBuilder text = new StringBuilder(historyJson);
    Matcher m = DATA.matcher(historyJson);
    while (m.find()) {
      text.append('\n').append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    }
    return text.toString();
  }
}
