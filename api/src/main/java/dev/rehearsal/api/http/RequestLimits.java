package dev.rehearsal.api.http;

import dev.rehearsal.plan.PlanParser;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the API reads, checked before anything parses it.
 *
 * @param plan bodies that carry a plan ({@code POST /api/v1/rehearsals}, {@code POST /api/v1/plans/validate}); at
 *     most what the plan parser accepts, since YAML scanning cost grows faster than the text. The console's start form
 *     ({@code POST /start}) may carry a pasted plan and a plan file, each held to this limit by the page, and small
 *     fields: its whole body may be twice this plus {@code other}
 * @param other every other body (approvals, cancels): a decision and a comment are small
 * @param attachment each file attached to a manual step's completion
 * @param completion the whole multipart body of a completion ({@code POST .../steps/{step}/complete}, the API's and
 *     the console's {@code /runs/{id}/steps/{step}/complete}): its files, the note and the multipart framing
 * @param signoff the console's sign-off form ({@code POST /runs/{id}/signoff}): besides the comment and waivers an API
 *     approval carries, it sends back every evidence item the page showed (about 110 bytes each), so a run with
 *     thousands of them can still be signed off from its page
 */
@ConfigurationProperties("rehearsal.http.max-body")
public record RequestLimits(DataSize plan, DataSize other, DataSize attachment, DataSize completion, DataSize signoff) {
  private static final Pattern COMPLETION = Pattern.compile("(/api/v1/rehearsals|/runs)/[^/]+/steps/[^/]+/complete");
  private static final Pattern SIGNOFF = Pattern.compile("/runs/[^/]+/signoff");

  public RequestLimits {
    plan = plan == null ? DataSize.ofKilobytes(256) : plan;
    other = other == null ? DataSize.ofKilobytes(8) : other;
    attachment = attachment == null ? DataSize.ofMegabytes(10) : attachment;
    completion = completion == null ? DataSize.ofMegabytes(25) : completion;
    signoff = signoff == null ? DataSize.ofMegabytes(1) : signoff;
    if (attachment.toBytes() < 1 || completion.toBytes() < attachment.toBytes()) {
      throw new IllegalArgumentException("rehearsal.http.max-body.completion must be at least"
          + " rehearsal.http.max-body.attachment (at least 1B), was " + completion + " and " + attachment);
    }
    if (plan.toBytes() < 1 || plan.toBytes() > PlanParser.MAX_PLAN_CHARS) {
      throw new IllegalArgumentException("rehearsal.http.max-body.plan must be between 1B and "
          + PlanParser.MAX_PLAN_CHARS / 1024 + "KB, was " + plan);
    }
    if (other.toBytes() < 1 || other.toBytes() > plan.toBytes()) {
      throw new IllegalArgumentException("rehearsal.http.max-body.other must be between 1B and the plan limit, was " + other);
    }
    if (signoff.toBytes() < other.toBytes()) {
      throw new IllegalArgumentException("rehearsal.http.max-body.signoff must be at least rehearsal.http.max-body.other ("
          + other + "), was " + signoff);
    }
  }

  /** The largest form body any path takes: Tomcat parses forms itself, so it holds a chunked one to this. */
  long largestForm() {
    return Math.max(signoff.toBytes(), 2 * plan.toBytes() + other.toBytes());
  }

  /** The limit for a request: plans, completions (files) and the console's forms go to known paths, the rest is small. */
  long bytesFor(String method, String path) {
    if (!"POST".equals(method)) {
      return other.toBytes();
    }
    if (path.equals("/start")) {
      return 2 * plan.toBytes() + other.toBytes();
    }
    if (path.equals("/api/v1/rehearsals") || path.equals("/api/v1/plans/validate")) {
      return plan.toBytes();
    }
    if (COMPLETION.matcher(path).matches()) {
      return completion.toBytes();
    }
    return SIGNOFF.matcher(path).matches() ? signoff.toBytes() : other.toBytes();
  }
}
