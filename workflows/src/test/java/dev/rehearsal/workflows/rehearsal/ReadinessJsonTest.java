package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rehearsal.workflows.notify.WebhookInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

/**
 * The readiness verdict travels as its name through Temporal's converter: in run results (which the API and archive read
 * back, written by older versions too) and in webhook inputs. A typed field must not change a byte of either.
 */
class ReadinessJsonTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
  /** The result of failed-step-then-rollback.json, a committed history written before the estimate and digest existed. */
  private static final String COMMITTED_RESULT = """
      {"id":"rh-18a48348-c87f-4c84-8201-79746d7eac9e","plan":"shop-staging","environment":"staging","releaseCandidate":"v1.2.3",\
      "initiator":"alice","parameters":{"releaseCandidate":"v1.2.3"},"status":"FAILED","phase":"ROLLBACK",\
      "startedAt":"2026-11-22T14:12:35.562Z","finishedAt":"2026-11-22T14:12:35.697Z","steps":[{"name":"migrate","kind":"command",\
      "phase":"MIGRATE","status":"FAILED","attempts":2,"startedAt":"2026-11-22T14:12:35.562Z","finishedAt":"2026-11-22T14:12:35.686Z",\
      "verdict":"FAIL","summary":"exit code 3, expected [0]: ERROR: relation report_schedules exists","evidence":[]}],"gates":[],\
      "approvals":{"required":1,"allowInitiator":false,"decisions":[],"refused":[]},"readiness":"NOT_ASSESSED","cancellation":null}""";

  @Test
  void aCommittedRunResultStillReadsAndIsWrittenBackWithTheSameName() {
    RehearsalState state = read(COMMITTED_RESULT, RehearsalState.class);
    assertThat(state.readiness()).isEqualTo(ReadinessVerdict.NOT_ASSESSED);
    assertThat(state.readinessEstimate()).isNull();
    assertThat(write(state)).contains("\"readiness\":\"NOT_ASSESSED\"");
  }

  @Test
  void aResultWithoutReadinessReadsAsNone() {
    assertThat(read("{\"id\":\"rh-1\",\"readiness\":null}", RehearsalState.class).readiness()).isNull();
    assertThat(read("{\"id\":\"rh-1\"}", RehearsalState.class).readiness()).isNull();
  }

  @Test
  void aWebhookInputCarriesTheVerdictByName() {
    WebhookInput input = new WebhookInput("https://hooks.example/x", "ended", "rh-1", "shop", "staging", "v1", "SUCCEEDED",
        ReadinessVerdict.WARN, "text");
    String json = write(input);
    assertThat(json).contains("\"readiness\":\"WARN\"");
    assertThat(read(json, WebhookInput.class)).isEqualTo(input);
  }

  private static String write(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toStringUtf8();
  }

  private static <T> T read(String json, Class<T> type) {
    Payload payload = Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
    return CONVERTER.fromPayload(payload, type, type);
  }
}
