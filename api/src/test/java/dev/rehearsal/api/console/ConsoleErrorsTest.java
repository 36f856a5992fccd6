package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.RunNotFound;
import dev.rehearsal.api.problems.ApiExceptionHandler;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/** A console page's unhandled error reads as the API would answer it: same status, title and detail; no trace. */
class ConsoleErrorsTest {
  private final ConsoleErrors errors = new ConsoleErrors(new ApiExceptionHandler());

  @Test
  void domainRefusalsKeepTheApisStatusAndDetail() throws Exception {
    assertPage(new RunNotFound("rh-gone"), 404, "Not found", "rh-gone");
    assertPage(new DecisionRefused(RefusalReason.WAIVER_MISSING, "gate api-load needs a waiver"), 409, "Decision refused",
        "gate api-load needs a waiver");
    assertPage(new DecisionRefused(RefusalReason.NOT_APPROVER, "only approvers decide"), 403, "Decision refused",
        "only approvers decide");
  }

  @Test
  void springAndUnexpectedErrorsGetTheirStatusWithoutInternals() throws Exception {
    assertPage(new MissingServletRequestParameterException("comment", "String"), 400, "Bad Request", "comment");
    ModelAndView page = assertPage(new IllegalStateException("secret internals"), 500, "Internal error", "server log");
    assertThat(((ErrorView) page.getModel().get("error")).detail()).doesNotContain("secret internals");
  }

  private ModelAndView assertPage(Exception e, int status, String title, String detailPart) throws Exception {
    ModelAndView page = errors.page(e, new ServletWebRequest(new MockHttpServletRequest()));
    assertThat(page.getViewName()).isEqualTo("console/error");
    assertThat(page.getStatus().value()).isEqualTo(status);
    ErrorView error = (ErrorView) page.getModel().get("error");
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.title()).isEqualTo(title);
    assertThat(error.detail()).contains(detailPart);
    return page;
  }
}
