package dev.rehearsal.worker;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode which parts this process runs: {@code all} (API + worker, the default), {@code api} or {@code worker}
 * @param dataDir where evidence and the run index live ({@code REHEARSAL_DATA_DIR})
 * @param taskQueue the Temporal task queue rehearsals run on
 */
@ConfigurationProperties("rehearsal")
public record RehearsalProperties(
    @DefaultValue("all") Mode mode, @DefaultValue("./data") Path dataDir, @DefaultValue("rehearsal") String taskQueue) {

  public enum Mode {
    ALL,
    API,
    WORKER;

    public boolean runsWorker() {
      return this != API;
    }
  }
}
