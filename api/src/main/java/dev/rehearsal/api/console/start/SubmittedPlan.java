package dev.rehearsal.api.console.start;

import dev.rehearsal.plan.PlanProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The plan text the start form carries: a chosen file's text, else the pasted text. Either is held to the API's plan
 * body limit ({@code rehearsal.http.max-body.plan}), so a plan the API would refuse as too large is refused here too.
 */
final class SubmittedPlan {
  private SubmittedPlan() {}

  /** Why the plan is too large, if it is: a problem at the field that carried it. */
  static Optional<PlanProblem> tooLarge(String pasted, MultipartFile file, long limit) {
    if (hasFile(file)) {
      return file.getSize() > limit ? Optional.of(over("plan file", file.getSize(), limit)) : Optional.empty();
    }
    long bytes = pasted.getBytes(StandardCharsets.UTF_8).length;
    return bytes > limit ? Optional.of(over("plan", bytes, limit)) : Optional.empty();
  }

  /** The file's text when a file was chosen, else the pasted text. */
  static String text(String pasted, MultipartFile file) {
    if (!hasFile(file)) {
      return pasted;
    }
    try {
      return new String(file.getBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasFile(MultipartFile file) {
    return file != null && !file.isEmpty();
  }

  private static PlanProblem over(String field, long bytes, long limit) {
    return new PlanProblem(field, "is " + bytes + " bytes; this server takes plans of at most " + limit
        + " bytes (rehearsal.http.max-body.plan)");
  }
}
