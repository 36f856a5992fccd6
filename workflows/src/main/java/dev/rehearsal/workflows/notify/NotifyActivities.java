package dev.rehearsal.workflows.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Posts a run's news to a webhook; retried with backoff, and never allowed to change the run's outcome. */
@ActivityInterface(namePrefix = "Notify")
public interface NotifyActivities {

  @ActivityMethod
  void post(WebhookInput input);
}
