package io.vitrine.sdk.scoring;

/** A model that cannot score: none loaded yet, a server that is down, a failed call. */
public class ScoringException extends RuntimeException {
  public ScoringException(String message) {
    super(message);
  }

  public ScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
