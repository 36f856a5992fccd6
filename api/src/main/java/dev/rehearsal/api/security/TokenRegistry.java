package dev.rehearsal.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the user a bearer token belongs to. Tokens are kept only as SHA-256 digests and compared in constant time.
 */
public class TokenRegistry {
  private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);
  private static final String SHA256_PREFIX = "sha256:";

  private record Entry(RehearsalUser user, byte[] digest) {}

  private final List<Entry> entries;

  private TokenRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static TokenRegistry of(List<SecurityProperties.User> users) {
    List<Entry> entries = new ArrayList<>();
    for (SecurityProperties.User u : users) {
      if (u.name() == null || u.name().isBlank() || u.token() == null || u.token().isBlank() || u.roles() == null) {
        throw new IllegalStateException("rehearsal.security.users: every user needs a name, roles and a token");
      }
      String token = u.token().trim();
      byte[] digest = token.toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)
          ? HexFormat.of().parseHex(token.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT))
          : sha256(token);
      entries.add(new Entry(new RehearsalUser(u.name(), List.copyOf(u.roles())), digest));
    }
    return new TokenRegistry(entries);
  }

  /** One generated user per role, printed once: only for local mode with nobody configured. */
  public static TokenRegistry developmentTokens() {
    SecureRandom random = new SecureRandom();
    List<Entry> entries = new ArrayList<>();
    StringBuilder banner = new StringBuilder("\n*****************************************************************\n"
        + " DEVELOPMENT TOKENS (no rehearsal.security.users configured; NOT FOR PRODUCTION)\n");
    for (Role role : Role.values()) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      String token = "dev-" + HexFormat.of().formatHex(bytes);
      String name = "dev-" + role.name().toLowerCase(Locale.ROOT);
      entries.add(new Entry(new RehearsalUser(name, List.of(role)), sha256(token)));
      banner.append(String.format(Locale.ROOT, "   %-14s %-9s Authorization: Bearer %s%n", name, role, token));
    }
    banner.append("*****************************************************************");
    log.warn(banner.toString());
    return new TokenRegistry(entries);
  }

  public Optional<RehearsalUser> find(String token) {
    byte[] digest = sha256(token);
    RehearsalUser found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest)) {
        found = e.user();
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
