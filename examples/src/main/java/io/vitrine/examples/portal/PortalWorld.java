package io.vitrine.examples.portal;

import io.vitrine.sdk.Article;
import io.vitrine.sdk.profile.EventType;
import io.vitrine.sdk.profile.UserProfileStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic news portal: articles in sections with tags, ages and popularity; users with latent section
 * interests and a device; day by day, visits that are shown a slate of 10 fresh articles and click with position
 * bias, recency and interest. Every impression becomes a training row whose user features are computed by the
 * SDK's own {@link UserProfileStore} as of that moment, so training sees exactly what serving will.
 */
public final class PortalWorld {
  public static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
  static final int SLATE = 10;
  private static final double FRESH_HOURS = 72;

  /** How big a world to make. */
  public record Settings(int users, int articles, int days, int heldOutDays, long seed) {
    /** The README's demo: finishes in about a minute of simulation and training on 2 cores. */
    public static Settings demo() {
      return new Settings(8_000, 2_500, 7, 2, 42);
    }
  }

  /** One visit: the user, when, and the shown articles as training rows (label "clicked"). */
  public record Slate(String userId, Instant time, int day, List<Map<String, Object>> rows) {}

  /** An article's hidden truth. */
  record Story(String id, String section, List<String> tags, Instant published, double appeal) {}

  /** A user's hidden truth. */
  record Reader(String id, double[] interest, String device, double visitsPerDay) {}

  private final Settings settings;
  private final Random random;
  private final List<Story> stories = new ArrayList<>();
  private final Map<String, Story> storiesById = new HashMap<>();
  private final List<Reader> readers = new ArrayList<>();
  private final Map<String, ArrayDeque<Instant>> recentClicks = new HashMap<>();
  private final List<Slate> slates = new ArrayList<>();
  private final MovableClock clock = new MovableClock(START);
  private final UserProfileStore profiles;

  private PortalWorld(Settings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
    this.profiles = UserProfileStore.builder().clock(clock)
        .categoryOf(id -> storiesById.containsKey(id) ? storiesById.get(id).section() : null)
        .maximumUsers(Math.max(1, settings.users())).idleExpiry(Duration.ofDays(365)).build();
  }

  /** Simulates {@code settings.days()} days of the portal. */
  public static PortalWorld simulate(Settings settings) {
    PortalWorld world = new PortalWorld(settings);
    world.createStories();
    world.createReaders();
    for (int day = 0; day < settings.days(); day++) {
      world.simulateDay(day);
    }
    world.clock.set(world.end());
    return world;
  }

  /** When the simulation ends: the moment the demo recommends at. */
  public Instant end() {
    return START.plus(Duration.ofDays(settings.days()));
  }

  /** The visits of days {@code [from, to)}. */
  public List<Slate> slates(int fromDay, int toDay) {
    return slates.stream().filter(s -> s.day() >= fromDay && s.day() < toDay).toList();
  }

  /** The training rows of days {@code [from, to)}. */
  public List<Map<String, Object>> rows(int fromDay, int toDay) {
    return slates(fromDay, toDay).stream().flatMap(s -> s.rows().stream()).toList();
  }

  /** The user profiles after the whole simulation, fed by every event. */
  public UserProfileStore profiles() {
    return profiles;
  }

  public Settings settings() {
    return settings;
  }

  public String sectionOf(String articleId) {
    return storiesById.get(articleId).section();
  }

  /** A user's favourite sections, for printing next to recommendations. */
  public List<String> favouriteSections(String userId, int n) {
    Reader reader = readers.get(Integer.parseInt(userId.substring(1)));
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < reader.interest().length; s++) {
      order.add(s);
    }
    order.sort((a, b) -> Double.compare(reader.interest()[b], reader.interest()[a]));
    return order.subList(0, n).stream().map(PortalSpec.SECTIONS::get).toList();
  }

  /** The fresh articles at the end of the simulation, as the SDK's candidates. */
  public List<Article> candidates() {
    Instant now = end();
    List<Article> articles = new ArrayList<>();
    for (Story story : stories) {
      if (isFresh(story, now)) {
        articles.add(new Article(story.id(), 1, articleFeatures(story, now)));
      }
    }
    return articles;
  }

  private void createStories() {
    double spanHours = (settings.days() + 3) * 24.0;
    for (int i = 0; i < settings.articles(); i++) {
      String section = PortalSpec.SECTIONS.get(random.nextInt(PortalSpec.SECTIONS.size()));
      List<String> tags = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        tags.add(section + "-tag-" + random.nextInt(25));
      }
      Instant published = START.minus(Duration.ofHours(72)).plusSeconds((long) (random.nextDouble() * spanHours * 3600));
      Story story = new Story("a" + i, section, List.copyOf(tags), published, random.nextGaussian() * 0.6);
      stories.add(story);
      storiesById.put(story.id(), story);
    }
  }

  private void createReaders() {
    int sections = PortalSpec.SECTIONS.size();
    for (int u = 0; u < settings.users(); u++) {
      double[] interest = new double[sections];
      double sum = 0;
      for (int s = 0; s < sections; s++) {
        interest[s] = Math.pow(random.nextDouble(), 6);   // a few strong interests, many weak ones
        sum += interest[s];
      }
      for (int s = 0; s < sections; s++) {
        interest[s] /= sum;
      }
      String device = PortalSpec.DEVICES.get(random.nextDouble() < 0.55 ? 1 : random.nextDouble() < 0.8 ? 0 : 2);
      readers.add(new Reader("u" + u, interest, device, 0.3 + random.nextDouble() * 1.2));
    }
  }

  private void simulateDay(int day) {
    List<Object[]> visits = new ArrayList<>();
    for (Reader reader : readers) {
      int count = poisson(reader.visitsPerDay());
      for (int v = 0; v < count; v++) {
        double hour = Math.min(23.99, Math.max(0, 7 + random.nextGaussian() * 3 + (random.nextBoolean() ? 0 : 10)));
        visits.add(new Object[] {reader, START.plus(Duration.ofDays(day)).plusSeconds((long) (hour * 3600))});
      }
    }
    visits.sort((a, b) -> ((Instant) a[1]).compareTo((Instant) b[1]));
    for (Object[] visit : visits) {
      visit((Reader) visit[0], (Instant) visit[1], day);
    }
  }

  private void visit(Reader reader, Instant time, int day) {
    clock.set(time);
    List<Story> fresh = stories.stream().filter(s -> isFresh(s, time)).toList();
    if (fresh.size() < SLATE) {
      return;
    }
    String device = random.nextDouble() < 0.8 ? reader.device() : PortalSpec.DEVICES.get(random.nextInt(3));
    int hour = (int) ((time.getEpochSecond() / 3600) % 24);
    Map<String, Object> user = new HashMap<>(profiles.features(reader.id()));
    user.put("device", device);
    user.put("hour", hour);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> clicked = new ArrayList<>();
    for (Story story : pickSlate(fresh, time)) {
      Map<String, Object> row = new HashMap<>(user);
      Map<String, Object> article = articleFeatures(story, time);
      row.putAll(article);
      int position = rows.size();
      boolean click = random.nextDouble() < clickProbability(reader, story, device, time, position);
      row.put("clicked", click ? 1 : 0);
      rows.add(row);
      if (click) {
        clicked.add(story.id());
      }
    }
    slates.add(new Slate(reader.id(), time, day, rows));
    for (Map<String, Object> row : rows) {
      profiles.record(reader.id(), (String) row.get("article_id"), EventType.IMPRESSION, time);
    }
    for (String id : clicked) {
      profiles.record(reader.id(), id, EventType.CLICK, time);
      recentClicks.computeIfAbsent(id, k -> new ArrayDeque<>()).addLast(time);
    }
  }

  /** What the portal shows without personalization: mostly popular and new articles, some at random. */
  private List<Story> pickSlate(List<Story> fresh, Instant time) {
    List<Story> pool = new ArrayList<>(fresh);
    List<Story> slate = new ArrayList<>();
    while (slate.size() < SLATE) {
      Story pick;
      if (slate.size() < 6) {
        double total = 0;
        double[] weights = new double[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
          weights[i] = 1 + popularity(pool.get(i), time);
          total += weights[i];
        }
        double r = random.nextDouble() * total;
        int i = 0;
        while (i < pool.size() - 1 && (r -= weights[i]) > 0) {
          i++;
        }
        pick = pool.get(i);
      } else {
        pick = pool.get(random.nextInt(pool.size()));
      }
      pool.remove(pick);
      slate.add(pick);
    }
    return slate;
  }

  private double clickProbability(Reader reader, Story story, String device, Instant time, int position) {
    int section = PortalSpec.SECTIONS.indexOf(story.section());
    double ageHours = Duration.between(story.published(), time).toMinutes() / 60.0;
    double logit = -2.3
        + 1.1 * Math.log(PortalSpec.SECTIONS.size() * reader.interest()[section] + 0.05)
        + story.appeal()
        - 0.35 * Math.log1p(ageHours / 6)
        - 0.12 * position
        + (device.equals("mobile") && (story.section().equals("sport") || story.section().equals("culture")) ? 0.4 : 0);
    return 1 / (1 + Math.exp(-logit));
  }

  private Map<String, Object> articleFeatures(Story story, Instant time) {
    return Map.of(
        "article_id", story.id(),
        "article_section", story.section(),
        "article_tags", story.tags(),
        "article_age_hours", Math.max(0, Duration.between(story.published(), time).toMinutes() / 60.0),
        "article_popularity", (double) popularity(story, time));
  }

  /** Clicks in the 24 hours before {@code time}. */
  private int popularity(Story story, Instant time) {
    ArrayDeque<Instant> clicks = recentClicks.get(story.id());
    if (clicks == null) {
      return 0;
    }
    Instant since = time.minus(Duration.ofHours(24));
    while (!clicks.isEmpty() && clicks.peekFirst().isBefore(since)) {
      clicks.pollFirst();
    }
    return clicks.size();
  }

  private static boolean isFresh(Story story, Instant time) {
    return !story.published().isAfter(time) && Duration.between(story.published(), time).toHours() < FRESH_HOURS;
  }

  private int poisson(double mean) {
    int k = 0;
    double p = Math.exp(-mean);
    double cumulative = p;
    double u = random.nextDouble();
    while (u > cumulative) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
}
