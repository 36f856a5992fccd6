package dev.rehearsal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether an address looks like production: its host or database name contains one of the plan's guard
 * patterns. Used by the validator on literal addresses and by activities again on resolved ones.
 */
public final class ProductionGuard {
  /** Parameters that name a server or database, in key=value strings and in a URI's query alike. */
  private static final Pattern KEY_VALUE = Pattern.compile("(host|hostaddr|dbname|service)\\s*=\\s*'?([^\\s'&]+)");

  private ProductionGuard() {}

  /** The first pattern that the address's host or database name contains, if any. */
  public static Optional<String> matchingPattern(String address, List<String> patterns) {
    List<String> parts = hostAndDatabase(address);
    for (String pattern : patterns) {
      String p = pattern.toLowerCase(Locale.ROOT);
      for (String part : parts) {
        if (!p.isEmpty() && part.contains(p)) {
          return Optional.of(pattern);
        }
      }
    }
    return Optional.empty();
  }

  /** Host names and database names named by a URL, a JDBC URL or a libpq key=value string, lower-cased. */
  static List<String> hostAndDatabase(String address) {
    List<String> parts = new ArrayList<>();
    if (address == null || address.isBlank()) {
      return parts;
    }
    String text = address.trim();
    if (text.startsWith("jdbc:")) {
      text = text.substring("jdbc:".length());
    }
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      // Parsed by hand, the way libpq does: java.net.URI would take a '?' or '#' in an unencoded password as the
      // start of the query and never see the host.
      String rest = text.substring(scheme + 3);
      int slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String hosts = authority.substring(authority.lastIndexOf('@') + 1).split("[?#]", 2)[0];
      for (String host : hosts.split(",")) {
        parts.add(host.replaceAll(":\\d*$", "").toLowerCase(Locale.ROOT));
      }
      if (slash >= 0) {
        String database = rest.substring(slash + 1).split("[?#/]", 2)[0];
        if (!database.isEmpty()) {
          parts.add(database.toLowerCase(Locale.ROOT));
        }
      }
      // A query's dbname= or host= overrides the path and authority: libpq connects there, so the guard looks too.
      int query = rest.indexOf('?', slash < 0 ? 0 : slash);
      if (query >= 0) {
        Matcher q = KEY_VALUE.matcher(java.net.URLDecoder.decode(rest.substring(query + 1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        while (q.find()) {
          parts.add(q.group(2).toLowerCase(Locale.ROOT));
        }
      }
      return parts;
    }
    Matcher m = KEY_VALUE.matcher(text);
    while (m.find()) {
      parts.add(m.group(2).toLowerCase(Locale.ROOT));
    }
    if (parts.isEmpty()) {
      parts.add(text.toLowerCase(Locale.ROOT));
    }
    return parts;
  }
}
