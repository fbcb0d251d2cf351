package io.vitrine.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to rank for whom.
 *
 * @param userId the visitor
 * @param k how many articles to return, positive
 * @param context request features such as {@code device} and {@code hour}, keyed as in the spec
 * @param candidateIds rank only these articles (all must be current candidates), or null for all candidates
 * @param deadline how long the caller can wait, or null for the recommender's default
 */
public record RankRequest(String userId, int k, Map<String, Object> context, List<String> candidateIds, Duration deadline) {
  public RankRequest {
    if (userId == null) {
      throw new IllegalArgumentException("userId is required");
    }
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    context = context == null ? Map.of() : Map.copyOf(context);
    candidateIds = candidateIds == null ? null : List.copyOf(candidateIds);
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }

  /** The top {@code k} of all candidates for {@code userId}. */
  public static RankRequest of(String userId, int k) {
    return new RankRequest(userId, k, Map.of(), null, null);
  }

  public RankRequest withContext(Map<String, Object> context) {
    return new RankRequest(userId, k, context, candidateIds, deadline);
  }

  public RankRequest withCandidates(List<String> ids) {
    return new RankRequest(userId, k, context, ids, deadline);
  }

  public RankRequest withDeadline(Duration deadline) {
    return new RankRequest(userId, k, context, candidateIds, deadline);
  }
}
