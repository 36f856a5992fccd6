package dev.rehearsal.activities.secrets;

import dev.rehearsal.plan.References;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} for one activity attempt, remembering every value it
 * revealed so that captured output can be masked before it is stored.
 */
public class SecretScope {
  public static final String MASK = "********";
  /** Shorter values would mask ordinary text (a "1" in every number); plans should not use such secrets anyway. */
  private static final int MIN_MASKED_LENGTH = 3;

  private final UnaryOperator<String> environment;
  private final Set<String> revealed = new LinkedHashSet<>();

  public SecretScope(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  public static SecretScope fromProcessEnvironment() {
    return new SecretScope(System::getenv);
  }

  /** The text with every secret reference replaced by its value. */
  public String resolve(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = References.ANY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(1);
      String value = References.isSecret(body) ? lookup(body) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String lookup(String reference) {
    String value;
    if (reference.startsWith("env:")) {
      String name = reference.substring("env:".length());
      value = environment.apply(name);
      if (value == null) {
        throw new SecretUnresolvedException("environment variable " + name + " is not set on the worker");
      }
    } else {
      Path path = Path.of(reference.substring("file:".length()));
      try {
        value = Files.readString(path, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new SecretUnresolvedException("secret file " + path + " cannot be read");
      }
    }
    if (value.length() >= MIN_MASKED_LENGTH) {
      revealed.add(value);
    }
    return value;
  }

  /** The text with every value this scope revealed replaced by {@link #MASK}. */
  public String mask(String text) {
    String masked = text;
    for (String secret : revealed) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }
}
