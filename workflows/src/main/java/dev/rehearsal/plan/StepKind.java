package dev.rehearsal.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The registry of step kinds: each kind's key in a plan step, the record its value binds to (which runs it), the
 * timeout of a step that sets none, and its validation rules. Adding a kind is its record and one line here.
 */
public enum StepKind {
  COMMAND("command", CommandSpec.class, CommandSpec.DEFAULT_TIMEOUT, CommandSpec.Rules::new),
  HTTP("http", HttpSpec.class, HttpSpec.DEFAULT_TIMEOUT, HttpSpec.Rules::new),
  RERUN("rerun", RerunSpec.class, null, RerunSpec.Rules::new),
  SQL("sql", SqlSpec.class, SqlSpec.DEFAULT_TIMEOUT, SqlSpec.Rules::new),
  POSTGRES_SNAPSHOT("postgres.snapshot", SnapshotSpec.class, SnapshotSpec.DEFAULT_TIMEOUT, SnapshotSpec.Rules::new),
  POSTGRES_RESTORE("postgres.restore", RestoreSpec.class, RestoreSpec.DEFAULT_TIMEOUT, RestoreSpec.Rules::new),
  POSTGRES_COPY("postgres.copy", CopySpec.class, CopySpec.DEFAULT_TIMEOUT, CopySpec.Rules::new),
  LOAD("load", LoadSpec.class, LoadSpec.DEFAULT_TIMEOUT, LoadSpec.Rules::new),
  ASSERT("assert", AssertSpec.class, AssertSpec.DEFAULT_TIMEOUT, AssertSpec.Rules::new),
  MANUAL("manual", ManualSpec.class, ManualSpec.DEFAULT_TIMEOUT, ManualSpec.Rules::new);

  private final String key;
  private final Class<? extends StepBody> type;
  private final String defaultTimeout;
  private final BiFunction<JsonChecks, PlanCrossChecks, StepRules> rules;

  StepKind(String key, Class<? extends StepBody> type, String defaultTimeout,
      BiFunction<JsonChecks, PlanCrossChecks, StepRules> rules) {
    this.key = key;
    this.type = type;
    this.defaultTimeout = defaultTimeout;
    this.rules = rules;
  }

  /** The timeout of a step of this kind that sets none, when the plan has no default either. */
  public String defaultTimeout() {
    return defaultTimeout;
  }

  public String key() {
    return key;
  }

  /** The record a step's value under {@link #key()} binds to. */
  public Class<? extends StepBody> type() {
    return type;
  }

  StepRules rules(JsonChecks checks, PlanCrossChecks cross) {
    return rules.apply(checks, cross);
  }

  /** Every kind's key, in declaration order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(StepKind::key).toList();
  }

  public static Optional<StepKind> fromKey(String key) {
    return Optional.ofNullable(Lookup.BY_KEY.get(key));
  }

  /** The kind whose record {@code body} is; a record that is not registered here is a programming error. */
  public static StepKind of(StepBody body) {
    StepKind kind = Lookup.BY_TYPE.get(body.getClass());
    if (kind == null) {
      throw new IllegalStateException(body.getClass().getSimpleName() + " is not registered in StepKind");
    }
    return kind;
  }

  /** Asked for every step each time a plan is read or written, and by the workflow for every step it runs. */
  private static final class Lookup {
    private static final Map<String, StepKind> BY_KEY =
        Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(StepKind::key, kind -> kind));
    private static final Map<Class<?>, StepKind> BY_TYPE =
        Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(StepKind::type, kind -> kind));
  }
}
