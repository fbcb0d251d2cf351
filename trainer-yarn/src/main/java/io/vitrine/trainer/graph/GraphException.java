package io.vitrine.trainer.graph;

/** A feature spec whose model graph cannot be built. */
public class GraphException extends RuntimeException {
  public GraphException(String message) {
    super(message);
  }
}
