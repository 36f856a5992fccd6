package dev.rehearsal.activities.secrets;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The forms in which a secret's value shows up in what a step captures: as it is, and as it reads inside a JSON string
 * (a response body, a summary quoting a JSON value, a report). JSON writers differ in what they escape, so each
 * escaping found in practice is a form: Jackson's ({@code "} and {@code \} and control characters escaped, {@code /}
 * and non-ASCII left), with {@code /} written {@code \/}, and with non-ASCII written as backslash-u escapes in
 * lower or upper hex. Other encodings (base64, URL encoding) are not forms: a secret handed on that way is not masked.
 */
final class SecretForms {
  private enum NonAscii { AS_IS, LOWER_HEX, UPPER_HEX }

  private SecretForms() {}

  /** The value first, then each distinct JSON-escaped form of it. */
  static Set<String> of(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    for (boolean slash : new boolean[] {false, true}) {
      for (NonAscii nonAscii : NonAscii.values()) {
        forms.add(jsonEscaped(value, slash, nonAscii));
      }
    }
    return forms;
  }

  private static String jsonEscaped(String value, boolean escapeSlash, NonAscii nonAscii) {
    // Jackson writes the backslash-u escapes of control characters in upper hex; a writer that escapes non-ASCII in
    // lower hex (Python's json.dumps, say) writes those in lower hex too.
    boolean lowerHex = nonAscii == NonAscii.LOWER_HEX;
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '/' -> out.append(escapeSlash ? "\\/" : "/");
        default -> {
          if (c < 0x20 || (c >= 0x80 && nonAscii != NonAscii.AS_IS)) {
            String hex = String.format(Locale.ROOT, "%04x", (int) c);
            out.append("\\u").append(lowerHex ? hex : hex.toUpperCase(Locale.ROOT));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
