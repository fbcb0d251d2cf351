package io.vitrine.sdk;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The articles that can be recommended now. {@code version} changes whenever the set or an article changes; it
 * keys the ranking cache and the cached encodings of the whole set.
 */
public final class Candidates {
  private final long version;
  private final List<Article> articles;
  private final Map<String, Article> byId;

  public Candidates(long version, List<Article> articles) {
    this.version = version;
    this.articles = List.copyOf(articles);
    this.byId = this.articles.stream().collect(Collectors.toUnmodifiableMap(Article::id, Function.identity()));
  }

  public long version() {
    return version;
  }

  public List<Article> articles() {
    return articles;
  }

  /** The article with {@code id}, by id. */
  public Map<String, Article> byId() {
    return byId;
  }
}
