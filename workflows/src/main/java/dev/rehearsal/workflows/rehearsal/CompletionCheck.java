package dev.rehearsal.workflows.rehearsal;

/**
 * The answer to "would this completion be taken?", asked before attachments are stored: {@code reason} is null when it
 * would, otherwise the refusal's wire name ({@link RefusalReason#type()}) with a message for people.
 */
public record CompletionCheck(String reason, String message) {
  static final CompletionCheck TAKEN = new CompletionCheck(null, null);

  public boolean refused() {
    return reason != null;
  }
}
