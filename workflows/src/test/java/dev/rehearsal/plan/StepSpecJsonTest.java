package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps as committed histories hold them (in run inputs) read and write back byte for byte, as Temporal's converter does. */
class StepSpecJsonTest {
  private static final ObjectMapper TEMPORAL = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"smoke-after-rollback\",\"rerun\":\"smoke\"}",
      "{\"name\":\"dump-prod\",\"postgres.snapshot\":{\"from\":\"prod-db\",\"jobs\":null,\"compress\":0,\"schemas\":[],"
          + "\"excludeSchemas\":[],\"tables\":[],\"excludeTables\":[],\"noOwner\":false,\"noPrivileges\":false,\"only\":null,"
          + "\"timeout\":null}}",
      "{\"name\":\"restore-staging\",\"postgres.restore\":{\"to\":\"staging-db\",\"from\":\"dump-prod\",\"mode\":\"clean\","
          + "\"jobs\":null,\"noOwner\":false,\"noPrivileges\":false,\"timeout\":null}}",
      "{\"name\":\"job-stuck\",\"http\":{\"target\":\"app\",\"path\":\"/api/jobs/stuck\",\"method\":\"GET\",\"headers\":{},"
          + "\"body\":null,\"timeout\":null,\"expect\":{\"status\":[200],\"json\":{\"/state\":\"done\"},\"maxLatencyMs\":null,"
          + "\"bodyContains\":null}},\"until\":{\"timeout\":\"2s\",\"every\":\"400ms\"}}",
      "{\"name\":\"never-reached\",\"assert\":{\"equals\":[1,1]}}",
      "{\"name\":\"check\",\"manual\":{\"instructions\":\"Look at the dashboards.\",\"requires\":{\"note\":true}}}",
      "{\"name\":\"tell\",\"command\":{\"run\":[\"sh\",\"-c\",\"echo \\\"$NOTE\\\"\"],\"shell\":false,\"workdir\":null,"
          + "\"env\":{\"NOTE\":\"${steps.check.outputs.note}\"},\"timeout\":null,\"expect\":{\"exit\":[0],"
          + "\"outputMatches\":null,\"outputNotMatches\":null},\"writes\":[],\"maxOutputBytes\":null}}",
      "{\"name\":\"migrate\",\"retry\":{\"maxAttempts\":2,\"initialInterval\":\"100ms\",\"backoffCoefficient\":null,"
          + "\"maximumInterval\":null},\"command\":{\"run\":[\"sh\",\"-c\",\"echo 'ERROR: relation report_schedules exists' >&2; exit 3\"],"
          + "\"shell\":false,\"workdir\":null,\"env\":{},\"timeout\":null,\"expect\":{\"exit\":[0],\"outputMatches\":null,"
          + "\"outputNotMatches\":null},\"writes\":[],\"maxOutputBytes\":null}}",
      "{\"name\":\"api-load\",\"load\":{\"target\":\"app\",\"model\":\"open\",\"rate\":40.0,\"stages\":[],"
          + "\"duration\":\"2s\",\"warmup\":null,\"concurrency\":null,\"requestTimeout\":null,\"window\":null,"
          + "\"requests\":[{\"name\":\"items\",\"path\":\"/api/items\",\"method\":\"GET\",\"headers\":{},\"body\":null,"
          + "\"weight\":1,\"expectStatus\":[200]}],\"probes\":{\"health\":null,\"queue\":null},\"gates\":{\"p95LatencyMs\":{\"pass\":5000.0,"
          + "\"warn\":8000.0,\"worst\":null}},\"baseline\":{\"tolerance\":0.1},\"timeout\":null}}",
      "{\"name\":\"dashboards-reviewed\",\"manual\":{\"instructions\":\"Look.\",\"requires\":{\"note\":true}},"
          + "\"onFailure\":\"ask\"}",
      "{\"name\":\"login\",\"http\":{\"target\":\"app\",\"path\":\"/api/login\",\"method\":\"POST\",\"headers\":{},"
          + "\"body\":\"{\\\"user\\\": \\\"rehearsal\\\", \\\"password\\\": \\\"${env:APP_PASSWORD}\\\"}\",\"timeout\":null,"
          + "\"expect\":{\"status\":[200],\"json\":{},\"maxLatencyMs\":null,\"bodyContains\":null}},\"outputs\":{\"token\":{\"json\":\"/token\","
          + "\"secret\":true},\"requestId\":{\"header\":\"X-Request-ID\"},\"loginStatus\":{\"status\":true}}}",
      "{\"name\":\"pg\",\"sql\":{\"target\":\"staging-db\",\"query\":\"select split_part(current_setting('server_version'),"
          + " '.', 1) as major\",\"write\":false,\"timeout\":null,\"expect\":{\"rows\":null,\"value\":null,\"empty\":null}},"
          + "\"outputs\":{\"major\":{\"column\":\"major\"}}}",
      "{\"name\":\"build\",\"command\":{\"run\":[\"echo \\\"{\\\\\\\"total\\\\\\\": {\\\\\\\"lines\\\\\\\": {\\\\\\\"pct\\\\\\\": 41.5}}}\\\" > summary.json\"],"
          + "\"shell\":true,\"workdir\":null,\"env\":{},\"timeout\":null,\"expect\":{\"exit\":[0],\"outputMatches\":null,"
          + "\"outputNotMatches\":null},\"writes\":[],\"maxOutputBytes\":null},\"gates\":{\"coverage\":{\"report\":\"summary.json\","
          + "\"pointer\":\"/total/lines/pct\",\"pass\":\">= 65\",\"warn\":\">= 60\"}}}"})
  void aCommittedStepReadsAndWritesBackByteForByte(String committed) throws Exception {
    StepSpec step = TEMPORAL.readValue(committed, StepSpec.class);

    assertThat(TEMPORAL.writeValueAsString(step)).isEqualTo(committed);
    assertThat(TEMPORAL.writeValueAsString(TEMPORAL.readValue(TEMPORAL.writeValueAsString(step), StepSpec.class)))
        .isEqualTo(committed);
  }

  @Test
  void stepsInAListReadOneAfterTheOtherAndWriteBackByteForByte() throws Exception {
    String steps = "[{\"name\":\"check\",\"manual\":{\"instructions\":\"Look.\"},\"onFailure\":\"ask\"},"
        + "{\"name\":\"never-reached\",\"assert\":{\"equals\":[1.5,{\"a\":[null]}]}}]";

    List<StepSpec> read = TEMPORAL.readValue(steps, new TypeReference<List<StepSpec>>() {});

    assertThat(read).extracting(StepSpec::name).containsExactly("check", "never-reached");
    assertThat(TEMPORAL.writerFor(new TypeReference<List<StepSpec>>() {}).writeValueAsString(read)).isEqualTo(steps);
  }

  @Test
  void keysThatBindNothingAndANullKindAreSkippedAndTheFirstKindWithAValueIsTheBody() throws Exception {
    String written = "{\"description\":{\"nested\":[1,{\"manual\":{}}]},\"http\":null,\"name\":\"check\","
        + "\"manual\":{\"instructions\":\"Look.\"},\"assert\":{\"equals\":[1,1]},\"retry\":null}";

    StepSpec step = TEMPORAL.readValue(written, StepSpec.class);

    assertThat(TEMPORAL.writeValueAsString(step))
        .isEqualTo("{\"name\":\"check\",\"manual\":{\"instructions\":\"Look.\"}}");
  }

  @Test
  void aStepWithoutAKindIsRefusedWithItsName() {
    assertThatThrownBy(() -> TEMPORAL.readValue("{\"name\":\"lost\",\"http\":null}", StepSpec.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("step 'lost' has no kind that StepKind registers");
    assertThatThrownBy(() -> TEMPORAL.readValue("\"lost\"", StepSpec.class))
        .isInstanceOf(MismatchedInputException.class);
  }
}
