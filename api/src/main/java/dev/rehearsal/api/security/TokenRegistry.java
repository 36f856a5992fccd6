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
public class TokenRegistry implements KnownPeople {
  private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);
  private static final String SHA256_PREFIX = "sha256:";
  private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");
  private static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private record Entry(RehearsalUser user, byte[] digest) {}

  private final List<Entry> entries;

  private TokenRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Configured users; plaintext tokens only where {@code plaintextAllowed} (local mode), else {@code sha256:<hex>}. */
  public static TokenRegistry of(List<SecurityProperties.User> users, boolean plaintextAllowed) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      SecurityProperties.User u = users.get(i);
      String where = "rehearsal.security.users[" + i + "]";
      if (u.name() == null || u.name().isBlank() || u.token() == null || u.token().isBlank() || u.roles() == null) {
        throw new IllegalStateException("rehearsal.security.users: every user needs a name, roles and a token");
      }
      String token = u.token().trim();
      byte[] digest;
      if (token.toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)) {
        String hex = token.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
          throw new IllegalStateException(where + " (" + u.name() + "): a hashed token is sha256: and 64 hex digits");
        }
        digest = HexFormat.of().parseHex(hex);
      } else if (plaintextAllowed) {
        digest = sha256(token);
      } else {
        throw new IllegalStateException(where + " (" + u.name() + "): plaintext tokens are refused outside local mode"
            + " (TEMPORAL_ADDRESS is set); configure the token's digest instead: token: \"sha256:<hex>\", the output of"
            + " printf %s \"$TOKEN\" | sha256sum");
      }
      for (String group : u.groups()) {
        if (group == null || !GROUP.matcher(group).matches()) {
          throw new IllegalStateException(where + " (" + u.name() + "): group '" + group + "' is not a group name"
              + " (letters, digits, '.', '_' or '-', at most 64 characters)");
        }
      }
      entries.add(new Entry(new RehearsalUser(u.name(), List.copyOf(u.roles()), u.groups()), digest));
    }
    SpellingCollisions.refuseIn(users);
    return new TokenRegistry(entries);
  }

  /**
   * One generated user per role, printed once on standard output: only for local mode with nobody configured. They
   * never go through the logger, which may write to files, and nothing keeps them but their digests.
   */
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
    System.out.println(banner);
    log.warn("no users configured: development tokens generated and printed on standard output; NOT FOR PRODUCTION");
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

  /** Every configured user: this registry is the whole list of who may call. */
  @Override
  public Optional<List<RehearsalUser>> everyone() {
    return Optional.of(entries.stream().map(Entry::user).toList());
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
