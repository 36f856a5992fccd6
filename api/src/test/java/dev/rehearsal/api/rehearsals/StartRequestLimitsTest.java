package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import org.junit.jupiter.api.Test;

/**
 * A release candidate longer than a search attribute may be is refused with the request's other problems (a 400 in
 * either listing mode, before anything starts), instead of failing the start with a 5xx in visibility mode.
 */
class StartRequestLimitsTest {
  private static final String PLAN = "\"plan\": {\"apiVersion\": \"rehearsal/v1\", \"name\": \"p\", \"environment\": \"e\"}";

  @Test
  void anOverLongReleaseCandidateIsRefusedSayingTheLimit() {
    String rc = "v".repeat(256);
    assertThatThrownBy(() -> StartRequest.parse("{" + PLAN + ", \"releaseCandidate\": \"" + rc + "\"}"))
        .isInstanceOfSatisfying(InvalidPlanException.class, refused -> assertThat(refused.problems())
            .containsExactly(new PlanProblem("releaseCandidate", "must be at most 255 characters")));
  }

  @Test
  void aReleaseCandidateAtTheLimitIsFine() {
    String rc = "v".repeat(255);
    assertThat(StartRequest.parse("{" + PLAN + ", \"releaseCandidate\": \"" + rc + "\"}").releaseCandidate()).isEqualTo(rc);
  }
}
