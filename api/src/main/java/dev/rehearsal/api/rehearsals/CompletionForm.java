package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.AttachmentTooLarge;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.plan.LoneSurrogates;
import dev.rehearsal.workflows.rehearsal.CompletionOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * The multipart body of a manual step's completion, checked before anything is stored: only {@code outcome},
 * {@code note} and {@code attachment} parts, a short note, and files that are not empty, not over the limit and plainly
 * named (a name with a path in it, such as {@code ../../x}, or a leading dot, is refused rather than guessed at).
 * {@code outcome} is null when the body carries no valid one: that is a refused completion, recorded once the step is
 * known; {@code outcomeGiven} is what the body said (the outcome's name when valid, else its text cut short).
 */
record CompletionForm(CompletionOutcome outcome, String outcomeGiven, String note, List<MultipartFile> attachments) {
  static final String OUTCOME = "outcome";
  static final String NOTE = "note";
  static final String ATTACHMENT = "attachment";
  private static final Set<String> TEXT_PARTS = Set.of(OUTCOME, NOTE);
  private static final int MAX_NOTE = 4000;
  /** No separators, no leading dot, no control characters: what a browser sends for a file it uploads. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[^/\\\\\\p{Cntrl}.][^/\\\\\\p{Cntrl}]*");

  static CompletionForm read(Map<String, String[]> parameters, MultiValueMap<String, MultipartFile> files, long maxFile) {
    for (String part : parameters.keySet()) {
      if (!TEXT_PARTS.contains(part)) {
        throw new InvalidRequest(part.equals(ATTACHMENT) ? "attachment must be a file part (with a filename)"
            : "unknown part '" + part + "'; a completion has outcome, note and attachment parts");
      }
    }
    for (String part : files.keySet()) {
      if (!part.equals(ATTACHMENT)) {
        throw new InvalidRequest("unknown file part '" + part + "'; attach files as 'attachment'");
      }
    }
    String given = single(parameters, OUTCOME);
    CompletionOutcome outcome = outcome(given);
    String note = single(parameters, NOTE);
    if (note != null && (note.length() > MAX_NOTE || LoneSurrogates.in(note))) {
      throw new InvalidRequest("note must be text of at most " + MAX_NOTE + " characters");
    }
    List<MultipartFile> attachments = files.getOrDefault(ATTACHMENT, List.of());
    for (MultipartFile file : attachments) {
      String name = file.getOriginalFilename();
      if (name == null || name.isBlank() || !PLAIN_NAME.matcher(name).matches()) {
        throw new InvalidRequest("attachment file name " + (name == null ? "(none)" : "'" + name + "'")
            + " must be a plain file name, without a path or a leading dot; nothing was stored");
      }
      if (file.isEmpty()) {
        throw new InvalidRequest("attachment " + name + " is empty; nothing was stored");
      }
      if (file.getSize() > maxFile) {
        throw new AttachmentTooLarge(name, maxFile);
      }
    }
    return new CompletionForm(outcome, outcome != null ? outcome.name() : RefusalText.cap(given), note, List.copyOf(attachments));
  }

  private static String single(Map<String, String[]> parameters, String part) {
    String[] values = parameters.get(part);
    if (values == null || values.length == 0) {
      return null;
    }
    if (values.length > 1) {
      throw new InvalidRequest(part + " may be given once");
    }
    return values[0];
  }

  private static CompletionOutcome outcome(String text) {
    try {
      return CompletionOutcome.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
