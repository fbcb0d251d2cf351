package io.vitrine.trainer;

/** Training or export that cannot go on; the message says where and why. */
public class TrainingException extends RuntimeException {
  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
