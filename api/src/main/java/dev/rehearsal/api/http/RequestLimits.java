package dev.rehearsal.api.http;

import dev.rehearsal.plan.PlanParser;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the API reads, checked before anything parses it.
 *
 * @param plan bodies that carry a plan ({@code POST /api/v1/rehearsals}, {@code POST /api/v1/plans/validate}); at
 *     most what the plan parser accepts, since YAML scanning cost grows faster than the text
 * @param other every other body (approvals, cancels): a decision and a comment are small
 */
@ConfigurationProperties("rehearsal.http.max-body")
public record RequestLimits(DataSize plan, DataSize other) {
  public RequestLimits {
    plan = plan == null ? DataSize.ofKilobytes(256) : plan;
    other = other == null ? DataSize.ofKilobytes(8) : other;
    if (plan.toBytes() < 1 || plan.toBytes() > PlanParser.MAX_PLAN_CHARS) {
      throw new IllegalArgumentException("rehearsal.http.max-body.plan must be between 1B and "
          + PlanParser.MAX_PLAN_CHARS / 1024 + "KB, was " + plan);
    }
    if (other.toBytes() < 1 || other.toBytes() > plan.toBytes()) {
      throw new IllegalArgumentException("rehearsal.http.max-body.other must be between 1B and the plan limit, was " + other);
    }
  }

  /** The limit for a request: plan bodies go to two known paths, everything else is small. */
  long bytesFor(String method, String path) {
    boolean carriesPlan = "POST".equals(method) && (path.equals("/api/v1/rehearsals") || path.equals("/api/v1/plans/validate"));
    return carriesPlan ? plan.toBytes() : other.toBytes();
  }
}
