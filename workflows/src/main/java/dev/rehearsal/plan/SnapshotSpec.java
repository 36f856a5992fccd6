package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A {@code postgres.snapshot} step: {@code pg_dump} of a target in directory format into the evidence store.
 * {@code compress} defaults to 0 because on few cores compression costs about three times the copy itself; {@code
 * jobs} defaults on the worker to min(cores, 4).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotSpec(
    String from,
    Integer jobs,
    Integer compress,
    List<String> schemas,
    List<String> excludeSchemas,
    List<String> tables,
    List<String> excludeTables,
    boolean noOwner,
    boolean noPrivileges,
    Content only,
    String timeout) {

  public static final String DEFAULT_TIMEOUT = "2h";

  public SnapshotSpec {
    compress = compress == null ? 0 : compress;
    schemas = schemas == null ? List.of() : List.copyOf(schemas);
    excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
    tables = tables == null ? List.of() : List.copyOf(tables);
    excludeTables = excludeTables == null ? List.of() : List.copyOf(excludeTables);
  }

  /** Whether only some tables are dumped, so object counts of whole schemas cannot be compared after a restore. */
  public boolean filtersTables() {
    return !tables.isEmpty() || !excludeTables.isEmpty();
  }

  /** {@code only: schema} or {@code only: data}; absent means both. */
  public enum Content {
    schema,
    data
  }
}
