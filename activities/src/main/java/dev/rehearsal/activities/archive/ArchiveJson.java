package dev.rehearsal.activities.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The archive's JSON: Temporal's own mapper (dates as ISO-8601 text), pretty-printed, so records read back as written. */
final class ArchiveJson {
  private static final ObjectMapper MAPPER = JacksonJsonPayloadConverter.newDefaultObjectMapper()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ArchiveJson() {}

  static byte[] pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  static <T> T read(String json, Class<T> type) throws IOException {
    return read(json.getBytes(StandardCharsets.UTF_8), type);
  }
}
