package dev.rehearsal.api.rehearsals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** An append-only file of JSON records, one a line, each written with fsync so an acknowledged record survives a crash. */
final class JsonLinesFile<T> {
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final Path file;
  private final Class<T> type;

  JsonLinesFile(Path file, Class<T> type) {
    this.file = file;
    this.type = type;
  }

  synchronized void append(T record) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  synchronized List<T> readAll() {
    List<T> records = new ArrayList<>();
    if (!Files.exists(file)) {
      return records;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          records.add(JSON.readValue(line, type));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return records;
  }
}
