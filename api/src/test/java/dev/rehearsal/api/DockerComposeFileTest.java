package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            assertThat(service.path("image").asText()).as("%s runs the image the stack builds", name).isEqualTo(builtImage());
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

    @Test
    void theImageIsBuiltOnceAndTheWorkerNeverPullsIt() {
        List<String> building = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (e.getValue().has("build")) {
                building.add(e.getKey());
            }
        });
        assertThat(building).containsExactly("rehearsal-api");
        assertThat(dockerfile(service("rehearsal-api"))).isEqualTo(REPO.resolve("Dockerfile").normalize());
        assertThat(service("rehearsal-worker").path("pull_policy").asText()).isEqualTo("never");
    }

    @Test
    void theQuickstartsTargetIsThePortTheWorkerServesOn() throws IOException {
        // http steps run inside the worker container: the plan's 127.0.0.1 is the worker itself.
        JsonNode plan = new YAMLMapper().readTree(REPO.resolve("examples/plans/quickstart.yaml").toFile());
        URI app = URI.create(plan.at("/targets/app/http/baseUrl").asText());
        assertThat(app.getHost()).isEqualTo("127.0.0.1");
        JsonNode worker = service("rehearsal-worker");
        assertThat(environment(worker)).containsEntry("SERVER_PORT", String.valueOf(app.getPort()));
        assertThat(worker.at("/healthcheck/test").toString()).contains("localhost:" + app.getPort() + "/");
    }

    @Test
    void theApiStartsOnlyWithARealUsersFileMountedReadOnlyThatMustExist() {
        JsonNode users = longMount(service("rehearsal-api"), "/config/users.yaml");
        assertThat(users.path("source").asText()).startsWith("${REHEARSAL_USERS_FILE:?").doesNotContain(":-");
        assertThat(users.path("read_only").asBoolean()).isTrue();
        assertThat(users.at("/bind/create_host_path").isBoolean()).isTrue();
        assertThat(users.at("/bind/create_host_path").asBoolean()).isFalse();
        assertThat(service("rehearsal-api").path("command").toString()).contains("file:/config/users.yaml");
    }

    @Test
    void theWorkerReceivesPlanSecretsFromAnOptionalEnvFileAndAReadOnlySecretsDirectory() {
        JsonNode worker = service("rehearsal-worker");
        JsonNode envFile = worker.path("env_file").get(0);
        assertThat(envFile.path("path").asText()).isEqualTo("./deploy/rehearsal/worker.env");
        assertThat(envFile.path("required").asBoolean(true)).isFalse();
        JsonNode secrets = longMount(worker, "/run/secrets");
        assertThat(secrets.path("read_only").asBoolean()).isTrue();
        assertThat(secrets.at("/bind/create_host_path").asBoolean(true)).isFalse();
        assertThat(worker.path("stop_grace_period").asText()).matches("\\d+m(\\d+s)?");
    }

    @Test
    void temporalJobsAndHealthChecksAreTheRobustKind() {
        String server = service("temporal").path("image").asText();
        assertThat(server).isEqualTo("temporalio/server:1.31.2");
        assertThat(service(SCHEMA_JOB).path("image").asText()).isEqualTo("temporalio/admin-tools:1.31.2");
        String namespaceJob = service("temporal-create-namespace").path("command").toString();
        assertThat(namespaceJob).contains("--address temporal:7233").doesNotContain("getent");
        assertThat(service("postgresql").at("/healthcheck/test").toString()).contains("-h 127.0.0.1");
    }

    @Test
    void theImageIsPinnedWithPostgresClientToolsNewerThanUbuntusAndARealHome() throws IOException {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
        Matcher temurin = Pattern.compile("(?m)^ARG TEMURIN=(\\S+)$").matcher(dockerfile);
        assertThat(temurin.find()).isTrue();
        assertThat(temurin.group(1)).matches("17\\.\\d+\\.\\d+(\\.\\d+)?_\\d+");
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        while (from.find()) {
            assertThat(from.group(1)).as("FROM").matches("eclipse-temurin:\\$\\{TEMURIN}-(jdk|jre)-noble");
        }
        Matcher client = Pattern.compile("(?m)^ARG PG_CLIENT_MAJOR=(\\d+)$").matcher(dockerfile);
        assertThat(client.find()).isTrue();
        int major = Integer.parseInt(client.group(1));
        assertThat(major).as("newer than Ubuntu Noble's own 16").isGreaterThanOrEqualTo(17);
        assertThat(dockerfile).contains("postgresql-client-${PG_CLIENT_MAJOR}").contains("apt.postgresql.org");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("PostgreSQL " + major + " client tools");
        assertThat(dockerfile).contains("--create-home").containsPattern("(?m)^ENV .*HOME=/home/rehearsal");
    }

    private static String builtImage() {
        String image = service("rehearsal-api").path("image").asText();
        assertThat(image).as("the built image's tag").isNotEmpty();
        return image;
    }

    private static JsonNode longMount(JsonNode service, String target) {
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isObject() && volume.path("target").asText().equals(target)) {
                assertThat(volume.path("type").asText()).isEqualTo("bind");
                return volume;
            }
        }
        throw new AssertionError("no long-syntax bind mount at " + target);
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
