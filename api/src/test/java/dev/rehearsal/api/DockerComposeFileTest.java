package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerComposeFileTest {

    private static final Path REPO = Path.of("..");
    private static final String SCHEMA_JOB = "temporal-admin-tools";
    private static final List<String> APP_SERVICES = List.of("rehearsal-api", "rehearsal-worker");

    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        compose = new YAMLMapper().readTree(REPO.resolve("docker-compose.yml").toFile());
    }

    @Test
    void declaresTheStackWithPinnedNonDeprecatedImages() {
        assertThat(compose.path("services").fieldNames()).toIterable()
                .contains("postgresql", SCHEMA_JOB, "temporal", "temporal-ui", "rehearsal-api", "rehearsal-worker");
        compose.path("services").forEach(service -> {
            if (service.has("image")) {
                assertThat(service.get("image").asText())
                        .doesNotContain("auto-setup")
                        .matches("[^:]+:[\\w][\\w.-]*")
                        .doesNotEndWith(":latest");
            }
        });
    }

    @Test
    void temporalStartsOnlyAfterTheSchemaJobRanAgainstAHealthyDatabase() {
        assertThat(service("temporal").at("/depends_on/" + SCHEMA_JOB + "/condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(service(SCHEMA_JOB).at("/depends_on/postgresql/condition").asText()).isEqualTo("service_healthy");
        assertThat(service("postgresql").has("healthcheck")).isTrue();
    }

    @Test
    void apiAndWorkerRunTheRepoImageAgainstTemporalAndShareOneEvidenceVolume() {
        List<String> evidenceMounts = new ArrayList<>();
        for (String name : APP_SERVICES) {
            JsonNode service = service(name);
            Map<String, String> env = environment(service);
            assertThat(dockerfile(service)).isEqualTo(REPO.resolve("Dockerfile").normalize());
            assertThat(env).containsEntry("TEMPORAL_ADDRESS", "temporal:7233")
                    .containsEntry("REHEARSAL_MODE", name.substring("rehearsal-".length()));
            String dataMount = mounts(service).stream()
                    .filter(mount -> mount[1].equals(env.get("REHEARSAL_DATA_DIR")))
                    .map(mount -> mount[0] + ":" + mount[1])
                    .findFirst().orElseThrow(() -> new AssertionError(name + " does not mount REHEARSAL_DATA_DIR"));
            evidenceMounts.add(dataMount);
        }
        assertThat(evidenceMounts).containsOnly(evidenceMounts.get(0));
        String volume = evidenceMounts.get(0).split(":")[0];
        assertThat(compose.path("volumes").has(volume)).as("top-level volume %s", volume).isTrue();
        assertThat(service("rehearsal-api").path("ports")).extracting(JsonNode::asText)
                .anyMatch(port -> port.matches("(.*:)?8080:8080(/tcp)?"));
    }

    @Test
    void everythingTakenFromTheRepoExists() throws IOException {
        compose.path("services").forEach(service -> {
            mounts(service).stream().map(mount -> mount[0]).filter(source -> source.startsWith("."))
                    .forEach(source -> assertThat(REPO.resolve(source)).exists());
            if (service.has("build")) {
                assertThat(dockerfile(service)).isRegularFile();
            }
        });
        String[] stages = Files.readString(REPO.resolve("Dockerfile")).split("(?im)^FROM\\s");
        assertThat(stages[stages.length - 1])
                .containsPattern("(?m)^COPY\\s+--from=\\S+\\s+\\S*api/target/rehearsal\\.jar\\s+/app/rehearsal\\.jar\\s*$");
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service %s", name).isTrue();
        return service;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            node.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        return env;
    }

    /** Source and target of each volume, short or long syntax, with {@code ${VAR:-default}} resolved to the default. */
    private static List<String[]> mounts(JsonNode service) {
        List<String[]> mounts = new ArrayList<>();
        service.path("volumes").forEach(volume -> mounts.add(volume.isObject()
                ? new String[] {withDefaults(volume.path("source").asText()), volume.path("target").asText()}
                : withDefaults(volume.asText()).split(":")));
        return mounts;
    }

    private static Path dockerfile(JsonNode service) {
        JsonNode build = service.path("build");
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        return REPO.resolve(context).resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
    }

    private static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[^}:]+:-([^}]*)}", "$1");
    }
}
