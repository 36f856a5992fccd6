package dev.rehearsal.activities.secrets;

/** A secret reference has no value on this worker. The message names the reference, never a value. */
public class SecretUnresolvedException extends RuntimeException {
  public SecretUnresolvedException(String message) {
    super(message);
  }
}
