package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Runs page's paging and its answer to filters the list refuses, over HTTP. */
class ConsoleRunsListTest extends ConsoleApp {
  private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next page</a>");

  @Test
  void pagesKeepTheFiltersAndGoNewestFirst() {
    String older = LocalApp.startAndAwaitApproval(api(), "console-paging", "v1.0.0-older");
    String newer = LocalApp.startAndAwaitApproval(api(), "console-paging", "v1.0.0-newer");
    ConsoleSession dave = ConsoleSession.signedIn(baseUrl(), LocalApp.DAVE);

    HttpResponse<String> first = dave.get("/runs?plan=console-paging&limit=1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("/runs/" + newer).doesNotContain("/runs/" + older).doesNotContain("First page");
    String next = nextLink(first.body());
    assertThat(next).startsWith("/runs?").contains("plan=console-paging", "limit=1", "cursor=");

    HttpResponse<String> second = dave.get(next.replace("&amp;", "&"));
    assertThat(second.body()).contains("/runs/" + older).doesNotContain("/runs/" + newer).doesNotContain("Next page")
        .contains("<a href=\"/runs?plan=console-paging&amp;limit=1\">First page</a>");
  }

  @Test
  void aFilterTheListRefusesIsExplainedOnThePage() {
    ConsoleSession dave = ConsoleSession.signedIn(baseUrl(), LocalApp.DAVE);
    HttpResponse<String> badDate = dave.get("/runs?from=yesterday&plan=shop");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("from must be an ISO instant (2026-11-01T00:00:00Z) or a date (2026-11-01), not yesterday")
        .as("the filters stay filled in").contains("value=\"shop\"").doesNotContain("Exception", "at dev.rehearsal");

    HttpResponse<String> badStatus = dave.get("/runs?status=bogus");
    assertThat(badStatus.statusCode()).isEqualTo(400);
    assertThat(badStatus.body()).contains("unknown status bogus");

    HttpResponse<String> badLimit = dave.get("/runs?limit=abc");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body()).contains("Bad Request").doesNotContain("Exception", "at org.");
  }

  private static String nextLink(String page) {
    Matcher next = NEXT.matcher(page);
    assertThat(next.find()).as("a Next page link in " + page).isTrue();
    return next.group(1);
  }
}
