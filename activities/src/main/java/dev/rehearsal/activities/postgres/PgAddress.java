package dev.rehearsal.activities.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resolved PostgreSQL address (a libpq URI {@code postgresql://user:pw@host:port/db?sslmode=..}, or libpq {@code
 * key=value} pairs), split so the password never appears on a command line: the tools get an address without it
 * plus {@code PGPASSWORD}, JDBC gets it as a property.
 */
final class PgAddress {
  private static final Pattern URI = Pattern.compile("(?:jdbc:)?postgres(?:ql)?://(.*)", Pattern.DOTALL);
  private static final Pattern PAIR = Pattern.compile("(\\w+)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)");
  /** libpq parameters JDBC also understands under the same name. */
  private static final Set<String> JDBC_PARAMETERS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "options");

  private final String hosts;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private PgAddress(String hosts, String database, String user, String password, Map<String, String> parameters) {
    this.hosts = hosts;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = parameters;
  }

  static PgAddress parse(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("the PostgreSQL target has no address");
    }
    Matcher uri = URI.matcher(address.trim());
    return uri.matches() ? fromUri(uri.group(1)) : fromPairs(address);
  }

  private static PgAddress fromUri(String rest) {
    // Split by hand like libpq (and ProductionGuard): an unencoded '?' or '/' in a password must not end the user part.
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? null : rest.substring(0, at);
    String afterUser = rest.substring(at + 1);
    int slash = afterUser.indexOf('/');
    int query = afterUser.indexOf('?');
    int hostEnd = slash >= 0 ? slash : query >= 0 ? query : afterUser.length();
    String hosts = afterUser.substring(0, hostEnd);
    String database = null;
    if (slash >= 0) {
      int dbEnd = query > slash ? query : afterUser.length();
      database = decode(afterUser.substring(slash + 1, dbEnd));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : afterUser.substring(query + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        if (!kv[0].isEmpty()) {
          parameters.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
      }
    }
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    user = parameters.getOrDefault("user", user);
    password = parameters.getOrDefault("password", password);
    database = parameters.getOrDefault("dbname", database);
    String port = parameters.remove("port");
    parameters.keySet().removeAll(Set.of("user", "password", "dbname", "host"));
    if (hosts.isEmpty()) {
      hosts = "localhost";
    }
    if (port != null && !hosts.contains(":")) {
      hosts = hosts + ":" + port;
    }
    return new PgAddress(hosts, emptyToNull(database), emptyToNull(user), password, parameters);
  }

  private static PgAddress fromPairs(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher m = PAIR.matcher(text);
    while (m.find()) {
      String value = m.group(2);
      if (value.startsWith("'")) {
        value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      pairs.put(m.group(1), value);
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("not a PostgreSQL address: use postgresql://user@host:port/db or host=.. dbname=..");
    }
    String host = pairs.remove("host");
    String port = pairs.remove("port");
    String hosts = (host == null ? "localhost" : host) + (port == null ? "" : ":" + port);
    return new PgAddress(hosts, emptyToNull(pairs.remove("dbname")), emptyToNull(pairs.remove("user")), pairs.remove("password"), pairs);
  }

  String database() {
    if (database == null) {
      throw new IllegalArgumentException("the PostgreSQL address names no database");
    }
    return database;
  }

  /** The same server and credentials, another database. */
  PgAddress withDatabase(String name) {
    return new PgAddress(hosts, name, user, password, parameters);
  }

  /** host:port/database, for logs and summaries: no user, no password. */
  String describe() {
    return hosts + "/" + (database == null ? "" : database);
  }

  /** The address for {@code pg_dump --dbname}: everything except the password. */
  String forTools() {
    StringBuilder uri = new StringBuilder("postgresql://");
    if (user != null) {
      uri.append(encode(user)).append('@');
    }
    uri.append(hosts).append('/');
    if (database != null) {
      uri.append(encode(database));
    }
    String sep = "?";
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      uri.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
      sep = "&";
    }
    return uri.toString();
  }

  /** Environment for the tools: the password travels here, never in argv where {@code ps} shows it. */
  Map<String, String> toolEnvironment() {
    return password == null ? Map.of() : Map.of("PGPASSWORD", password);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + hosts + "/" + encode(database());
  }

  Properties jdbcProperties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    parameters.forEach((k, v) -> {
      if (JDBC_PARAMETERS.contains(k)) {
        p.setProperty(k, v);
      }
    });
    if (parameters.containsKey("application_name")) {
      p.setProperty("ApplicationName", parameters.get("application_name"));
    } else {
      p.setProperty("ApplicationName", "rehearsal");
    }
    return p;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
