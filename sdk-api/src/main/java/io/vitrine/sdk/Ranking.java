package io.vitrine.sdk;

import java.util.List;

/**
 * The answer to a {@link RankRequest}.
 *
 * @param articles the top articles, best first
 * @param model the name of the model that scored them, or null when the fallback answered
 * @param modelVersion that model's version, or 0
 * @param source who answered
 * @param fallbackReason why the fallback answered, or null
 */
public record Ranking(List<ScoredArticle> articles, String model, long modelVersion, Source source, String fallbackReason) {
  /** Who produced a ranking. */
  public enum Source {
    /** the model scored the candidates for this request */
    MODEL,
    /** a ranking the model made moments ago for the same user, candidates and model, from the cache */
    CACHE,
    /** the fallback policy, because the model could not answer in time */
    FALLBACK
  }

  public boolean isFallback() {
    return source == Source.FALLBACK;
  }
}
