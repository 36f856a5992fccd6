package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A process to run. {@code run} is an argv list executed without a shell unless {@code shell} is true, in which
 * case it may be one string handed to {@code sh -c}. {@code writes} names the targets the command changes, so the
 * production guard can refuse it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandSpec(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> run,
    boolean shell,
    String workdir,
    Map<String, String> env,
    String timeout,
    Expect expect,
    List<String> writes,
    Integer maxOutputBytes) {

  public static final String DEFAULT_TIMEOUT = "10m";
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

  public CommandSpec {
    run = run == null ? List.of() : List.copyOf(run);
    env = env == null ? Map.of() : Map.copyOf(env);
    expect = expect == null ? Expect.SUCCESS : expect;
    writes = writes == null ? List.of() : List.copyOf(writes);
  }

  public int maxOutputBytesOrDefault() {
    return maxOutputBytes == null ? DEFAULT_MAX_OUTPUT_BYTES : maxOutputBytes;
  }

  /** What counts as success: exit codes, and regular expressions the combined output must (not) match. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Expect(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> exit,
      String outputMatches,
      String outputNotMatches) {
    public static final Expect SUCCESS = new Expect(List.of(0), null, null);

    public Expect {
      exit = exit == null || exit.isEmpty() ? List.of(0) : List.copyOf(exit);
    }
  }
}
