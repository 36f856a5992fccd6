package dev.rehearsal.api.errors;

/** An attached file larger than {@code rehearsal.http.max-body.attachment}; nothing of the completion was stored. */
public final class AttachmentTooLarge extends RehearsalException {
  public AttachmentTooLarge(String file, long limit) {
    super("attachment " + file + " is larger than " + limit + " bytes (rehearsal.http.max-body.attachment);"
        + " nothing was stored");
  }
}
