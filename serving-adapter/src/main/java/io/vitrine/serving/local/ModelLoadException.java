package io.vitrine.serving.local;

/** A model version that cannot serve: unreadable, incomplete, or not what the application expects. */
public class ModelLoadException extends RuntimeException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
