package dev.rehearsal.api.rehearsals;

/**
 * Free text kept in a refusal record (a step name from the path, a message echoing it, an attempted outcome), cut to a
 * bound: a refusal is recorded for auditors, but no caller can make one record large.
 */
final class RefusalText {
  static final int MAX = 500;

  private RefusalText() {}

  static String cap(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    // Never between the two halves of a surrogate pair: the cut text must still be text.
    int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
    return text.substring(0, end) + "…(" + (text.length() - end) + " more characters)";
  }
}
