package io.vitrine.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.sdk.RankRequest;
import io.vitrine.sdk.Ranking;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job on a smaller world: the trained model must beat the popularity baseline on held-out days. */
class PortalDemoTest {
  @TempDir static Path work;
  static PortalDemo.Outcome outcome;

  @BeforeAll
  static void run() throws Exception {
    outcome = PortalDemo.run(new PortalWorld.Settings(4_000, 1_500, 6, 2, 7), 2, work, false);
  }

  @AfterAll
  static void close() {
    if (outcome != null) {
      outcome.close();
    }
  }

  @Test
  void theModelBeatsPopularityOnHeldOutDays() {
    assertThat(outcome.model().visits()).isGreaterThan(1_000);
    assertThat(outcome.model().auc()).isGreaterThan(outcome.popularity().auc() + 0.03);
    assertThat(outcome.model().ndcgAt10()).isGreaterThan(outcome.popularity().ndcgAt10() + 0.02);
    assertThat(outcome.report().version()).isEqualTo(1);
  }

  @Test
  void recommendationsFollowTheUsersInterests() {
    String user = outcome.sampleUsers().get(0);
    List<String> liked = outcome.world().favouriteSections(user, 3);
    Ranking ranking = outcome.recommender().recommend(RankRequest.of(user, 10));
    assertThat(ranking.source()).isEqualTo(Ranking.Source.MODEL);
    long inLikedSections = ranking.articles().stream()
        .filter(a -> liked.contains(outcome.world().sectionOf(a.articleId()))).count();
    assertThat(inLikedSections).isGreaterThanOrEqualTo(6);
  }

  @Test
  void theContentApiServesRecommendationsAndTakesEvents() throws Exception {
    try (ContentApi api = ContentApi.start(outcome.recommender(), outcome.world().profiles(), 0)) {
      assertThat(api.uri().getHost()).isEqualTo("127.0.0.1");
      HttpClient http = HttpClient.newHttpClient();
      String user = outcome.sampleUsers().get(1);
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(api.uri().resolve(
          "users/" + user + "/recommendations?k=5&device=mobile&hour=8")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(ok.body()).contains("\"source\":\"MODEL\"", "\"model\":\"portal\"", "\"articleId\"");

      String article = outcome.world().candidates().get(0).id();
      HttpResponse<String> event = http.send(post(api.uri().resolve("events"),
          "{\"userId\":\"new-reader\",\"articleId\":\"" + article + "\",\"type\":\"CLICK\"}"), HttpResponse.BodyHandlers.ofString());
      assertThat(event.statusCode()).isEqualTo(204);
      assertThat(outcome.world().profiles().features("new-reader").get("user_recent_articles")).isEqualTo(List.of(article));

      HttpResponse<String> unknownArticle = http.send(post(api.uri().resolve("events"),
          "{\"userId\":\"new-reader\",\"articleId\":\"not-in-the-cms\",\"type\":\"CLICK\"}"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(unknownArticle.statusCode()).isEqualTo(204);
      assertThat(status(http, HttpRequest.newBuilder(api.uri().resolve("users/x/recommendations?k=0")).build())).isEqualTo(400);
      assertThat(status(http, HttpRequest.newBuilder(api.uri().resolve("users/x/recommendations?k=ten")).build())).isEqualTo(400);
      assertThat(status(http, post(api.uri().resolve("events"), "{not json"))).isEqualTo(400);
      assertThat(status(http, post(api.uri().resolve("events"), "{\"userId\":\"u\",\"articleId\":\"a1\",\"type\":\"LIKE\"}")))
          .isEqualTo(400);
      assertThat(status(http, HttpRequest.newBuilder(api.uri().resolve("nothing")).build())).isEqualTo(404);
      assertThat(status(http, HttpRequest.newBuilder(api.uri().resolve("events")).build())).isEqualTo(405);
    }
  }

  private static HttpRequest post(URI uri, String body) {
    return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build();
  }

  private static int status(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
