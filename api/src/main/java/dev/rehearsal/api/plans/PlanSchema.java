package dev.rehearsal.api.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The published plan schema: {@code docs/plan.schema.json}, copied onto the classpath by the build (see the api
 * pom), so what the API serves is the committed file byte for byte.
 */
@Component
public class PlanSchema {
  static final String RESOURCE = "/schemas/plan.schema.json";

  private final byte[] json;

  public PlanSchema() {
    try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the build did not package " + RESOURCE + " (from docs/plan.schema.json)");
      }
      json = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] json() {
    return json.clone();
  }
}
