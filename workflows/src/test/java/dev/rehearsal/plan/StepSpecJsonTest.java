package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps as committed histories hold them (in run inputs) read and write back byte for byte, as Temporal's converter does. */
class StepSpecJsonTest {
  private static final ObjectMapper TEMPORAL = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"job-stuck\",\"http\":{\"target\":\"app\",\"path\":\"/api/jobs/stuck\",\"method\":\"GET\",\"headers\":{},"
          + "\"body\":null,\"timeout\":null,\"expect\":{\"status\":[200],\"json\":{\"/state\":\"done\"},\"maxLatencyMs\":null,"
          + "\"bodyContains\":null}},\"until\":{\"timeout\":\"2s\",\"every\":\"400ms\"}}",
      "{\"name\":\"never-reached\",\"assert\":{\"equals\":[1,1]}}",
      "{\"name\":\"check\",\"manual\":{\"instructions\":\"Look at the dashboards.\",\"requires\":{\"note\":true}}}",
      "{\"name\":\"tell\",\"command\":{\"run\":[\"sh\",\"-c\",\"echo \\\"$NOTE\\\"\"],\"shell\":false,\"workdir\":null,"
          + "\"env\":{\"NOTE\":\"${steps.check.outputs.note}\"},\"timeout\":null,\"expect\":{\"exit\":[0],"
          + "\"outputMatches\":null,\"outputNotMatches\":null},\"writes\":[],\"maxOutputBytes\":null}}"})
  void aCommittedStepReadsAndWritesBackByteForByte(String committed) throws Exception {
    StepSpec step = TEMPORAL.readValue(committed, StepSpec.class);

    assertThat(TEMPORAL.writeValueAsString(step)).isEqualTo(committed);
    assertThat(TEMPORAL.writeValueAsString(TEMPORAL.readValue(TEMPORAL.writeValueAsString(step), StepSpec.class)))
        .isEqualTo(committed);
  }
}
