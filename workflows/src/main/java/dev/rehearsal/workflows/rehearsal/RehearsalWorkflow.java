package dev.rehearsal.workflows.rehearsal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One rehearsal: runs the plan's phases in order, then waits for sign-off. Human decisions are messages, so the
 * workflow history is the audit trail.
 */
@WorkflowInterface
public interface RehearsalWorkflow {
  String TASK_QUEUE = "rehearsal";

  @WorkflowMethod
  RehearsalState run(RehearsalInput input);

  @QueryMethod
  RehearsalState state();

  /** Sign-off or rejection; refused by {@link #validateDecision} without touching history. */
  @UpdateMethod
  ApprovalResult decide(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(ApprovalRequest request);

  @SignalMethod
  void cancel(CancelRequest request);

  /** Records a refused decision in history, because a validator's refusal leaves no trace there. */
  @SignalMethod
  void recordRefusedApproval(RefusedApproval refusal);
}
