package io.vitrine.sdk;

import java.util.Map;

/**
 * A portal article that can be recommended, with its raw features keyed as in the model's spec
 * ({@code article_section}, {@code article_tags}, ...). {@code version} changes whenever the features change,
 * so cached encodings of the old features are not reused.
 */
public record Article(String id, long version, Map<String, Object> features) {
  public Article {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an article needs an id");
    }
    features = Map.copyOf(features);
  }
}
