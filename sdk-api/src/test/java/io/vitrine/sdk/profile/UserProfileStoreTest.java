package io.vitrine.sdk.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UserProfileStoreTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private static UserProfileStore store(int maxRecent) {
    return UserProfileStore.builder().categoryOf(id -> id.startsWith("s") ? "sport" : "news").maxRecent(maxRecent)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @Test
  void recentReadsAreBagsMostRecentFirstAndBounded() {
    UserProfileStore store = store(3);
    store.record("u", "s1", EventType.CLICK, NOW.minusSeconds(500));
    store.record("u", "n1", EventType.CLICK, NOW.minusSeconds(400));
    store.record("u", "n2", EventType.IMPRESSION, NOW.minusSeconds(300));
    store.record("u", "s2", EventType.CLICK, NOW.minusSeconds(200));
    store.record("u", "s3", EventType.CLICK, NOW.minusSeconds(100));
    Map<String, Object> features = store.features("u");
    assertThat(features.get("user_recent_articles")).isEqualTo(List.of("s3", "s2", "n1"));
    assertThat(features.get("user_recent_sections")).isEqualTo(List.of("sport", "sport", "news"));
  }

  @Test
  void visitsAndTimeSinceTheLastVisit() {
    UserProfileStore store = store(20);
    store.record("u", "n1", EventType.CLICK, NOW.minus(Duration.ofDays(40)));
    store.record("u", "n2", EventType.CLICK, NOW.minus(Duration.ofDays(3)));
    store.record("u", "n3", EventType.IMPRESSION, NOW.minus(Duration.ofDays(2)));
    store.record("u", "n4", EventType.CLICK, NOW.minus(Duration.ofHours(36)));
    Map<String, Object> features = store.features("u");
    assertThat(features.get("user_visits_30d")).isEqualTo(3.0);
    assertThat((Double) features.get("user_days_since_last_visit")).isEqualTo(1.5);
  }

  @Test
  void anUnknownUserHasNoFeatures() {
    assertThat(store(20).features("nobody")).isEmpty();
  }

  @Test
  void memoryIsBoundedByTheNumberOfUsers() {
    UserProfileStore store = UserProfileStore.builder().maximumUsers(100).build();
    for (int u = 0; u < 1_000; u++) {
      store.record("u" + u, "a", EventType.CLICK, NOW);
    }
    assertThat(store.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void concurrentEventsAreAllRecorded() throws Exception {
    UserProfileStore store = store(10_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      pool.submit(() -> {
        for (int i = 0; i < 1_000; i++) {
          store.record("shared", "n" + thread + "-" + i, EventType.CLICK, NOW.minusSeconds(i));
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat((List<?>) store.features("shared").get("user_recent_articles")).hasSize(4_000);
  }

  @Test
  void missingArgumentsAreRejected() {
    assertThatThrownBy(() -> store(3).record("u", null, EventType.CLICK, NOW)).isInstanceOf(IllegalArgumentException.class);
  }
}
