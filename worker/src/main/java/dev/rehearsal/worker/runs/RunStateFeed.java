package dev.rehearsal.worker.runs;

import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.worker.TemporalEndpoint;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Tells a {@link RunStateListener} each rehearsal's state as the run progresses, so that a list in the same process
 * never has to query open runs. A run's state changes only while its workflow code runs, and that code always ends a
 * stretch by calling out (scheduling a step's activity, awaiting sign-off, a person or a timer, signalling its
 * archiver) or by returning; messages (approvals, cancel, decisions) change it in their handlers. So the state is
 * read, through the workflow's own {@code state} query handler on its own thread, just before each call out and
 * after each message and the end. Nothing is added to the run's commands (history is unchanged) and replays are
 * skipped: they only repeat states already told.
 */
public final class RunStateFeed extends WorkerInterceptorBase {
  private static final String STATE_QUERY = "state";

  private final RunStateListener listener;

  public RunStateFeed(RunStateListener listener) {
    this.listener = listener;
  }

  /**
   * Whether the worker in this process runs every run, so that what it tells is all there is to know: local mode
   * (the embedded Temporal has no other workers) with API and worker in one process. With a remote Temporal, runs
   * also run on workers elsewhere.
   */
  public static boolean tellsEveryRun(TemporalEndpoint temporal, RehearsalProperties rehearsal) {
    return !temporal.kind().isRemote() && rehearsal.mode() == RehearsalProperties.Mode.ALL;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  private final class Inbound extends WorkflowInboundCallsInterceptorBase {
    private final WorkflowInboundCallsInterceptor next;
    private boolean rehearsal;

    Inbound(WorkflowInboundCallsInterceptor next) {
      super(next);
      this.next = next;
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outbound) {
      rehearsal = RehearsalWorkflow.TYPE.equals(Workflow.getInfo().getWorkflowType());
      super.init(rehearsal ? new Outbound(outbound, this) : outbound);
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      WorkflowOutput output = super.execute(input);
      if (rehearsal && !Workflow.isReplaying() && output.getResult() instanceof RehearsalState end) {
        listener.changed(end);
      }
      return output;
    }

    @Override
    public void handleSignal(SignalInput input) {
      super.handleSignal(input);
      tell();
    }

    @Override
    public UpdateOutput executeUpdate(UpdateInput input) {
      UpdateOutput output = super.executeUpdate(input);
      tell();
      return output;
    }

    void tell() {
      if (!rehearsal || Workflow.isReplaying()) {
        return;
      }
      Object state = next.handleQuery(new QueryInput(STATE_QUERY, Header.empty(), new Object[0])).getResult();
      if (state instanceof RehearsalState current && current.status() != null) {
        listener.changed(current);
      }
    }
  }

  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    private final Inbound run;

    Outbound(WorkflowOutboundCallsInterceptor next, Inbound run) {
      super(next);
      this.run = run;
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      run.tell();
      return super.executeActivity(input);
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      run.tell();
      return super.executeLocalActivity(input);
    }

    @Override
    public void await(String reason, Supplier<Boolean> unblockCondition) {
      run.tell();
      super.await(reason, unblockCondition);
    }

    @Override
    public boolean await(Duration timeout, String reason, Supplier<Boolean> unblockCondition) {
      run.tell();
      return super.await(timeout, reason, unblockCondition);
    }

    @Override
    public SignalExternalOutput signalExternalWorkflow(SignalExternalInput input) {
      run.tell();
      return super.signalExternalWorkflow(input);
    }
  }
}
