package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A strict evaluator of the subset of Temporal's visibility query language the run list may send: terms joined by
 * AND and OR (AND binding tighter), bracketed with parentheses, each {@code Name = 'v'}, {@code Name IN ('v', ...)}, or for times {@code >=}, {@code <}; quoted literals with
 * backslash escapes; names: WorkflowType, TaskQueue, ExecutionStatus, StartTime and the runs' search attributes. Anything else
 * (unbalanced parentheses, a dangling AND/OR, unquoted values, unknown names, a keyword compared with {@code >=}) is refused, so a
 * malformed query fails the test instead of matching by accident.
 */
final class VisibilityQueryEvaluator {
  private static final Map<String, SearchAttributeKey<?>> ATTRIBUTES =
      RunSearchAttributes.ALL.stream().collect(Collectors.toMap(SearchAttributeKey::getName, Function.identity()));

  private final List<String> tokens;
  private int at;

  private VisibilityQueryEvaluator(String query) {
    this.tokens = tokenize(query);
  }

  static Predicate<WorkflowExecutionMetadata> parse(String query) {
    VisibilityQueryEvaluator parser = new VisibilityQueryEvaluator(query);
    Predicate<WorkflowExecutionMetadata> all = parser.anyOf();
    if (parser.at < parser.tokens.size()) {
      throw new IllegalArgumentException("unexpected " + parser.tokens.get(parser.at));
    }
    return all;
  }

  /** OR binds looser than AND, as in Temporal's (SQL-like) query language. */
  private Predicate<WorkflowExecutionMetadata> anyOf() {
    Predicate<WorkflowExecutionMetadata> any = allOf();
    while (peek("OR")) {
      next();
      any = any.or(allOf());
    }
    return any;
  }

  private Predicate<WorkflowExecutionMetadata> allOf() {
    Predicate<WorkflowExecutionMetadata> all = bracketedOrTerm();
    while (peek("AND")) {
      next();
      all = all.and(bracketedOrTerm());
    }
    return all;
  }

  private Predicate<WorkflowExecutionMetadata> bracketedOrTerm() {
    if (!peek("(")) {
      return term();
    }
    next();
    Predicate<WorkflowExecutionMetadata> inner = anyOf();
    expect(")");
    return inner;
  }

  private Predicate<WorkflowExecutionMetadata> term() {
    String name = next();
    String op = next();
    boolean time = name.equals("StartTime") || name.equals(RunSearchAttributes.FINISHED_AT.getName());
    Function<WorkflowExecutionMetadata, Object> value = value(name);
    switch (op) {
      case "=" -> {
        String literal = literal();
        return execution -> matches(value.apply(execution), literal);
      }
      case "IN" -> {
        expect("(");
        List<String> literals = new ArrayList<>(List.of(literal()));
        while (peek(",")) {
          next();
          literals.add(literal());
        }
        expect(")");
        return execution -> literals.stream().anyMatch(literal -> matches(value.apply(execution), literal));
      }
      case ">=", "<" -> {
        if (!time) {
          throw new IllegalArgumentException(op + " on " + name + ", which is not a time");
        }
        Instant bound = Instant.parse(literal());
        return execution -> {
          Instant actual = (Instant) value.apply(execution);
          return actual != null && (op.equals(">=") ? !actual.isBefore(bound) : actual.isBefore(bound));
        };
      }
      default -> throw new IllegalArgumentException("unknown operator " + op);
    }
  }

  private static boolean matches(Object actual, String literal) {
    if (actual instanceof List<?> list) {
      return list.contains(literal);
    }
    if (actual instanceof Instant instant) {
      return instant.equals(Instant.parse(literal));
    }
    return literal.equals(actual);
  }

  private static Function<WorkflowExecutionMetadata, Object> value(String name) {
    return switch (name) {
      case "WorkflowType" -> WorkflowExecutionMetadata::getWorkflowType;
      case "ExecutionStatus" -> execution -> statusName(execution.getStatus());
      case "TaskQueue" -> execution -> execution.getWorkflowExecutionInfo().getTaskQueue();
      case "StartTime" -> WorkflowExecutionMetadata::getStartTime;
      default -> {
        SearchAttributeKey<?> key = ATTRIBUTES.get(name);
        if (key == null) {
          throw new IllegalArgumentException("unknown search attribute " + name);
        }
        yield execution -> {
          Object value = execution.getTypedSearchAttributes().get(key);
          return value instanceof OffsetDateTime time ? time.toInstant() : value;
        };
      }
    };
  }

  /** ExecutionStatus as the query language spells it: Running, Completed, TimedOut, ... */
  private static String statusName(WorkflowExecutionStatus status) {
    String words = status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).toLowerCase(Locale.ROOT);
    StringBuilder name = new StringBuilder();
    for (String word : words.split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  private String literal() {
    String token = next();
    if (!token.startsWith("'")) {
      throw new IllegalArgumentException("expected a quoted value, got " + token);
    }
    return token.substring(1);
  }

  private boolean peek(String token) {
    return at < tokens.size() && tokens.get(at).equals(token);
  }

  private void expect(String token) {
    String got = next();
    if (!got.equals(token)) {
      throw new IllegalArgumentException("expected " + token + ", got " + got);
    }
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new IllegalArgumentException("unexpected end of query");
    }
    return tokens.get(at++);
  }

  /** Names, operators, punctuation, and literals (returned as {@code '} + the unescaped value). */
  private static List<String> tokenize(String query) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder("'");
        i++;
        while (true) {
          if (i >= query.length()) {
            throw new IllegalArgumentException("unterminated literal");
          }
          char d = query.charAt(i++);
          if (d == '\\') {
            if (i >= query.length()) {
              throw new IllegalArgumentException("dangling escape");
            }
            value.append(query.charAt(i++));
          } else if (d == '\'') {
            break;
          } else {
            value.append(d);
          }
        }
        tokens.add(value.toString());
      } else if (c == '(' || c == ')' || c == ',' || c == '=' || c == '<') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '>' && i + 1 < query.length() && query.charAt(i + 1) == '=') {
        tokens.add(">=");
        i += 2;
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < query.length() && Character.isLetterOrDigit(query.charAt(i))) {
          i++;
        }
        tokens.add(query.substring(start, i));
      } else {
        throw new IllegalArgumentException("unexpected character " + c + " at " + i);
      }
    }
    return tokens;
  }
}
