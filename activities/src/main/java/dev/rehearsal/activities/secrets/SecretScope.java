package dev.rehearsal.activities.secrets;

import dev.rehearsal.plan.OutputReferences;
import dev.rehearsal.plan.References;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${env:NAME}}, {@code ${file:PATH}} and secret step outputs ({@code ${steps.STEP.outputs.NAME}}, which
 * the workflow leaves as text) for one activity attempt, remembering every value it revealed, every secret output the
 * step produced and every secret output its run produced before, so that captured output can be masked before it is
 * stored. Each value is masked in all its {@link SecretForms forms}.
 */
public class SecretScope {
  public static final String MASK = "********";
  /**
   * Shorter values would mask ordinary text (a "1" in every number); plans should not use such secrets anyway, and
   * docs/plans.md says they are not masked.
   */
  private static final int MIN_MASKED_LENGTH = 3;

  private final UnaryOperator<String> environment;
  private final Function<String, Optional<String>> refusals;
  private final RunOutputs outputs;
  private final Set<String> revealed = new LinkedHashSet<>();
  /** Every form of every revealed value, longest first (so a secret that contains another is masked as itself). */
  private List<String> forms = List.of();

  public SecretScope(UnaryOperator<String> environment) {
    this(environment, reference -> Optional.empty());
  }

  /** @param refusals why a reference may not be resolved for this run (empty when it may) */
  public SecretScope(UnaryOperator<String> environment, Function<String, Optional<String>> refusals) {
    this(environment, refusals, null);
  }

  /**
   * @param outputs the run's secret step outputs (null where there are none to read or keep); every one produced so
   *     far is masked from the start, since a step may receive a value without referencing it (a cookie, an echo)
   */
  public SecretScope(UnaryOperator<String> environment, Function<String, Optional<String>> refusals, RunOutputs outputs) {
    this.environment = environment;
    this.refusals = refusals;
    this.outputs = outputs;
    if (outputs != null) {
      outputs.all().forEach(this::reveal);
    }
  }

  /** The text with every secret reference replaced by its value. */
  public String resolve(String text) {
    // Most text holds no reference at all (every step's URL and path): no matcher, no copy.
    if (text == null || !text.contains("${")) {
      return text;
    }
    Matcher m = References.ANY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(1);
      Optional<OutputReferences.Ref> output = OutputReferences.parse(body);
      String value = References.isSecret(body) ? lookup(body) : output.isPresent() ? lookup(output.get()) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String lookup(String reference) {
    refuseIfNotAllowed(reference);
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
        // A link in an allowed directory must not lead elsewhere: judged and read as the file it resolves to.
        value = SecretFile.read(path, real -> refuseIfNotAllowed("file:" + real));
      } catch (IOException e) {
        throw new SecretUnresolvedException("secret file " + path + " cannot be read");
      }
    }
    reveal(value);
    return value;
  }

  /**
   * A secret output of an earlier step (an ordinary one the workflow has substituted already, so one still here was
   * not produced: its step failed or was skipped).
   */
  private String lookup(OutputReferences.Ref ref) {
    String value = (outputs == null ? Optional.<String>empty() : outputs.read(ref.step(), ref.output()))
        .orElseThrow(() -> new SecretUnresolvedException("output '" + ref.output() + "' of step '" + ref.step()
            + "' was not produced in this run (the step did not succeed)"));
    reveal(value);
    return value;
  }

  /** Keeps a secret output this step produced for later steps, and masks it in everything this attempt stores. */
  public void keepOutput(String step, String name, String value) {
    reveal(value);
    if (outputs == null) {
      throw new IllegalStateException("this worker keeps no secret outputs");
    }
    outputs.write(step, name, value);
  }

  /** Masks {@code value} in everything this attempt stores from now on. */
  public void reveal(String value) {
    if (value.length() >= MIN_MASKED_LENGTH && revealed.add(value)) {
      forms = revealed.stream().flatMap(v -> SecretForms.of(v).stream()).distinct()
          .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
  }

  private void refuseIfNotAllowed(String reference) {
    refusals.apply(reference).ifPresent(why -> {
      throw new SecretUnresolvedException(why);
    });
  }

  /** The text with every form of every value this scope revealed replaced by {@link #MASK}. */
  public String mask(String text) {
    String masked = text;
    for (String secret : forms) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  /** The stream with every form of every secret this scope revealed masked: for files kept as they are (artifacts). */
  public InputStream masking(InputStream in) {
    List<byte[]> values = forms.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    return values.isEmpty() ? in : new MaskingInputStream(in, values, MASK.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * How many bytes past a limit output must be kept so that a secret starting before the limit is kept whole, and
   * so masked whole rather than cut.
   */
  public int longestSecretBytes() {
    return forms.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
  }

  /** Captured output as stored: masked, then cut to a byte limit. {@code cut} says whether anything was left out. */
  public record Output(String text, boolean cut) {}

  /**
   * Masks {@code raw} first and only then cuts it to {@code limit} bytes, so that a secret straddling the limit is
   * never stored in part. A cut end (this one, or {@code rawWasCut} when the capture itself stopped early) that
   * finishes with the start of a secret has that start masked too.
   */
  public Output maskThenCut(byte[] raw, boolean rawWasCut, int limit) {
    String masked = mask(new String(raw, StandardCharsets.UTF_8));
    String kept = Utf8.prefix(masked, limit);
    boolean cut = rawWasCut || kept.length() < masked.length();
    return new Output(cut ? maskCutSecretStart(kept) : kept, cut);
  }

  /** The text with its end masked when it ends with the first characters of a secret (the rest lay past a cut). */
  private String maskCutSecretStart(String text) {
    int longest = 0;
    for (String secret : forms) {
      for (int n = Math.min(secret.length() - 1, text.length()); n > longest; n--) {
        if (text.endsWith(secret.substring(0, n))) {
          longest = n;
        }
      }
    }
    return longest == 0 ? text : text.substring(0, text.length() - longest) + MASK;
  }
}
