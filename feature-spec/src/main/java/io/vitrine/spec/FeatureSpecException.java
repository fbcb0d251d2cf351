package io.vitrine.spec;

/** A feature spec that cannot work as declared; the message names the column and the fix. */
public class FeatureSpecException extends RuntimeException {
  public FeatureSpecException(String message) {
    super(message);
  }

  public FeatureSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
