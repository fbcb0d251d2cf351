package io.vitrine.sdk;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The articles that can be recommended now. {@code version} changes whenever the set or an article changes; it
 * keys the ranking cache.
 */
public record Candidates(long version, List<Article> articles, Map<String, Article> byId) {
  public Candidates(long version, List<Article> articles) {
    this(version, List.copyOf(articles),
        articles.stream().collect(Collectors.toUnmodifiableMap(Article::id, Function.identity())));
  }
}
