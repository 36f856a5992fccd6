package dev.rehearsal.activities.notify;

import java.net.URI;

/**
 * Links to runs from outside, built from {@code rehearsal.public-url} (where people reach Rehearsal, e.g.
 * {@code https://rehearsal.example.com}): a run's link is its console page, {@code <public-url>/runs/<id>}, where an
 * approver sees the evidence and decides (API clients have the id). Without a public URL there is no absolute link.
 */
public final class RunLinks {
  public static final RunLinks NONE = new RunLinks(null);
  private static final String RUNS = "/runs/";

  private final String base;

  private RunLinks(String base) {
    this.base = base;
  }

  /** @param publicUrl an http(s) URL, or null/blank for none */
  public static RunLinks of(String publicUrl) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return NONE;
    }
    URI uri = URI.create(publicUrl.trim());
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
      throw new IllegalStateException("rehearsal.public-url must be an http(s) URL without credentials or query: " + publicUrl);
    }
    String text = uri.toString();
    return new RunLinks(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  /** The run's absolute link, or null without a public URL. */
  public String run(String id) {
    return base == null ? null : base + RUNS + id;
  }

  /** The run's link: absolute with a public URL, else the page's path. */
  public String runOrPath(String id) {
    return base == null ? RUNS + id : base + RUNS + id;
  }
}
