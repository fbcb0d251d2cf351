package io.vitrine.sdk.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitrine.sdk.UserFeatureSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A built-in, event-fed {@link UserFeatureSource}: from {@code record(user, article, event, time)} it derives,
 * per user, the recently read articles and their categories (bags, most recent first, bounded), the number of
 * days with a visit in the last 30 days, and the days since the previous visit. Memory is bounded: at most
 * {@code maximumUsers} profiles, and a profile idle for {@code idleExpiry} is dropped. Thread-safe.
 */
public final class UserProfileStore implements UserFeatureSource {
  private final Cache<String, Profile> profiles;
  private final Function<String, String> categoryOf;
  private final int maxRecent;
  private final Clock clock;
  private final String recentArticlesKey;
  private final String recentCategoriesKey;
  private final String visitDaysKey;
  private final String daysSinceLastVisitKey;

  private UserProfileStore(Builder b) {
    this.profiles = Caffeine.newBuilder().maximumSize(b.maximumUsers).expireAfterAccess(b.idleExpiry)
        .ticker(() -> b.clock.millis() * 1_000_000L).build();
    this.categoryOf = b.categoryOf;
    this.maxRecent = b.maxRecent;
    this.clock = b.clock;
    this.recentArticlesKey = b.recentArticlesKey;
    this.recentCategoriesKey = b.recentCategoriesKey;
    this.visitDaysKey = b.visitDaysKey;
    this.daysSinceLastVisitKey = b.daysSinceLastVisitKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Records what {@code userId} did with {@code articleId} at {@code time}. */
  public void record(String userId, String articleId, EventType event, Instant time) {
    if (userId == null || articleId == null || event == null || time == null) {
      throw new IllegalArgumentException("userId, articleId, event and time are required");
    }
    String category = event == EventType.CLICK ? categoryOf.apply(articleId) : null;
    profiles.get(userId, id -> new Profile()).record(articleId, category, event, time, maxRecent);
  }

  /** The user's features now; empty for a user without events (every column takes its default). */
  @Override
  public Map<String, Object> features(String userId) {
    Profile profile = profiles.getIfPresent(userId);
    return profile == null ? Map.of() : profile.features(this, clock.instant());
  }

  /** The number of profiles held. */
  public long size() {
    profiles.cleanUp();
    return profiles.estimatedSize();
  }

  /** One user's history; guarded by its own lock. */
  private static final class Profile {
    private final ArrayDeque<String> recentArticles = new ArrayDeque<>();
    private final ArrayDeque<String> recentCategories = new ArrayDeque<>();
    private final TreeSet<Long> visitDays = new TreeSet<>();
    private Instant lastEvent;
    private Instant previousVisit;

    synchronized void record(String articleId, String category, EventType event, Instant time, int maxRecent) {
      if (lastEvent != null && time.isAfter(lastEvent) && Duration.between(lastEvent, time).toMinutes() >= 30) {
        previousVisit = lastEvent;
      }
      if (lastEvent == null || time.isAfter(lastEvent)) {
        lastEvent = time;
      }
      long day = time.getEpochSecond() / 86_400;
      visitDays.add(day);
      while (visitDays.size() > 31) {
        visitDays.pollFirst();
      }
      if (event == EventType.CLICK) {
        recentArticles.addFirst(articleId);
        if (category != null) {
          recentCategories.addFirst(category);
        }
        trim(recentArticles, maxRecent);
        trim(recentCategories, maxRecent);
      }
    }

    synchronized Map<String, Object> features(UserProfileStore store, Instant now) {
      long today = now.getEpochSecond() / 86_400;
      long recentDays = visitDays.tailSet(today - 29).size();
      Instant previous = lastEvent != null && Duration.between(lastEvent, now).toMinutes() >= 30 ? lastEvent : previousVisit;
      double daysAway = previous == null ? 30 : Math.max(0, Duration.between(previous, now).toMinutes() / 1440.0);
      return Map.of(
          store.recentArticlesKey, List.copyOf(recentArticles),
          store.recentCategoriesKey, List.copyOf(recentCategories),
          store.visitDaysKey, (double) recentDays,
          store.daysSinceLastVisitKey, daysAway);
    }

    private static void trim(ArrayDeque<String> deque, int max) {
      while (deque.size() > max) {
        deque.removeLast();
      }
    }
  }

  /** Settings of a {@link UserProfileStore}; feature keys default to the portal example's. */
  public static final class Builder {
    private Function<String, String> categoryOf = id -> null;
    private int maxRecent = 20;
    private long maximumUsers = 1_000_000;
    private Duration idleExpiry = Duration.ofDays(30);
    private Clock clock = Clock.systemUTC();
    private String recentArticlesKey = "user_recent_articles";
    private String recentCategoriesKey = "user_recent_sections";
    private String visitDaysKey = "user_visits_30d";
    private String daysSinceLastVisitKey = "user_days_since_last_visit";

    /** How to find an article's category (section); an unknown article may return null. */
    public Builder categoryOf(Function<String, String> categoryOf) {
      this.categoryOf = categoryOf;
      return this;
    }

    /** How many recent articles and categories to keep per user (default 20). */
    public Builder maxRecent(int maxRecent) {
      this.maxRecent = maxRecent;
      return this;
    }

    /** At most this many users are held; the least recently used go first (default 1,000,000). */
    public Builder maximumUsers(long maximumUsers) {
      this.maximumUsers = maximumUsers;
      return this;
    }

    /** A profile without events or reads for this long is dropped (default 30 days). */
    public Builder idleExpiry(Duration idleExpiry) {
      this.idleExpiry = idleExpiry;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The feature keys produced: recent articles, recent categories, visit days in 30 days, days since last visit. */
    public Builder keys(String recentArticles, String recentCategories, String visitDays, String daysSinceLastVisit) {
      this.recentArticlesKey = recentArticles;
      this.recentCategoriesKey = recentCategories;
      this.visitDaysKey = visitDays;
      this.daysSinceLastVisitKey = daysSinceLastVisit;
      return this;
    }

    public UserProfileStore build() {
      if (maxRecent <= 0 || maximumUsers <= 0 || idleExpiry.isNegative() || idleExpiry.isZero()) {
        throw new IllegalArgumentException("maxRecent, maximumUsers and idleExpiry must be positive");
      }
      return new UserProfileStore(this);
    }
  }
}
