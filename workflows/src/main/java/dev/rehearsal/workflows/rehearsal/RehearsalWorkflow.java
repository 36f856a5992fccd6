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
  /** The names Temporal knows the workflow and its messages by, also in every recorded history: never rename them. */
  String TYPE = "RehearsalWorkflow";
  String DECIDE = "decide";
  String CANCEL = "cancel";
  String RECORD_REFUSED_APPROVAL = "recordRefusedApproval";
  String COMPLETE_MANUAL_STEP = "completeManualStep";
  /** Leads the summary of a manual step's timer ({@code manual step <name>}), telling it from the sign-off timer. */
  String MANUAL_TIMER_SUMMARY = "manual step ";
  String DECIDE_FAILURE = "decideFailure";
  String RECORD_REFUSED_FAILURE_DECISION = "recordRefusedFailureDecision";

  @WorkflowMethod(name = TYPE)
  RehearsalState run(RehearsalInput input);

  @QueryMethod
  RehearsalState state();

  /** Sign-off or rejection; refused by {@link #validateDecision} without touching history. */
  @UpdateMethod(name = DECIDE)
  ApprovalResult decide(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = DECIDE)
  void validateDecision(ApprovalRequest request);

  /** A person completes the manual step the run waits for; refused by {@link #validateCompletion} without a trace. */
  @UpdateMethod(name = COMPLETE_MANUAL_STEP)
  ManualCompletionRecord completeManualStep(ManualCompletion completion);

  @UpdateValidatorMethod(updateName = COMPLETE_MANUAL_STEP)
  void validateCompletion(ManualCompletion completion);

  /** Whether a completion would be taken now: asked before its attachments are stored, so a refused one stores none. */
  @QueryMethod
  CompletionCheck checkCompletion(ManualCompletion completion);

  @SignalMethod(name = CANCEL)
  void cancel(CancelRequest request);

  /**
   * Records a refused decision in history, because a validator's refusal leaves no trace there. Refused manual step
   * completions are recorded here too, their {@code decision} reading {@code COMPLETE <step> <outcome>}.
   */
  @SignalMethod(name = RECORD_REFUSED_APPROVAL)
  void recordRefusedApproval(RefusedApproval refusal);

  /** An ENGINEER's decision on a failed step that waits for one ({@code onFailure: ask}). */
  @UpdateMethod(name = DECIDE_FAILURE)
  FailureDecisionRecord decideFailure(FailureDecisionRequest request);

  @UpdateValidatorMethod(updateName = DECIDE_FAILURE)
  void validateFailureDecision(FailureDecisionRequest request);

  /** Records a refused decision on a failed step in history, as {@link #recordRefusedApproval} does for sign-off. */
  @SignalMethod(name = RECORD_REFUSED_FAILURE_DECISION)
  void recordRefusedFailureDecision(RefusedFailureDecision refusal);
}
