package io.vitrine.examples.portal;

import io.vitrine.sdk.Article;
import io.vitrine.sdk.Candidates;
import io.vitrine.sdk.Fallback;
import io.vitrine.sdk.RankRequest;
import io.vitrine.sdk.Ranking;
import io.vitrine.sdk.Recommender;
import io.vitrine.sdk.ScoredArticle;
import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.serving.local.LocalScorer;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.trainer.Trainer;
import io.vitrine.trainer.TrainingConfig;
import io.vitrine.trainer.TrainingReport;
import io.vitrine.trainer.input.ParquetRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: simulate a news portal, write its impressions as Parquet, train Wide &amp; Deep locally, export,
 * load the model in a {@link Recommender}, show recommendations next to users' histories, and compare the
 * model with a popularity baseline on held-out days. With {@code --serve}, then serve the content API.
 */
@Command(name = "portal", mixinStandardHelpOptions = true,
    description = "News-portal recommender end to end: simulate, train, export, rank, evaluate.")
public final class PortalDemo implements Callable<Integer> {
  @Option(names = "--users", defaultValue = "8000", description = "simulated users (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--articles", defaultValue = "2500", description = "simulated articles (default: ${DEFAULT-VALUE})")
  int articles;

  @Option(names = "--days", defaultValue = "7", description = "simulated days, the last 2 held out (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--epochs", defaultValue = "2", description = "training epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--work-dir", defaultValue = "target/portal", description = "data and models (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--serve", description = "then serve the content API on 127.0.0.1 until stopped")
  boolean serve;

  @Option(names = "--port", defaultValue = "8080", description = "content API port with --serve (default: ${DEFAULT-VALUE})")
  int port;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PortalDemo()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Outcome outcome = run(new PortalWorld.Settings(users, articles, days, 2, 42), epochs, workDir, true);
    if (serve) {
      try (ContentApi api = ContentApi.start(outcome.recommender(), outcome.world().profiles(), port)) {
        System.out.println();
        System.out.println("content API on " + api.uri() + ": try");
        System.out.println("  curl '" + api.uri() + "users/" + outcome.sampleUsers().get(0) + "/recommendations?k=10&device=mobile'");
        System.out.println("  curl -X POST " + api.uri() + "events -d '{\"userId\":\"u1\",\"articleId\":\""
            + outcome.world().candidates().get(0).id() + "\",\"type\":\"CLICK\"}'");
        Thread.currentThread().join();
      }
    }
    outcome.close();
    return 0;
  }

  /** What a run produced; closing it stops the recommender and the scorer. */
  public record Outcome(PortalWorld world, TrainingReport report, OfflineEvaluation.Result model,
      OfflineEvaluation.Result popularity, Recommender recommender, LocalScorer scorer, List<String> sampleUsers)
      implements AutoCloseable {
    @Override
    public void close() {
      recommender.close();
      scorer.close();
    }
  }

  /** Simulates, trains, exports, loads and evaluates; prints progress when {@code verbose}. */
  public static Outcome run(PortalWorld.Settings settings, int epochs, Path workDir, boolean verbose) throws Exception {
    long start = System.nanoTime();
    say(verbose, "== 1/5 simulating %,d users and %,d articles over %d days", settings.users(), settings.articles(), settings.days());
    PortalWorld world = PortalWorld.simulate(settings);
    int trainDays = settings.days() - settings.heldOutDays();
    List<Map<String, Object>> train = world.rows(0, trainDays);
    List<Map<String, Object>> heldOut = world.rows(trainDays, settings.days());
    long clicks = train.stream().filter(r -> ((Number) r.get("clicked")).intValue() == 1).count();
    say(verbose, "   %,d training impressions (days 1-%d, CTR %.1f%%), %,d held-out impressions (days %d-%d)",
        train.size(), trainDays, 100.0 * clicks / train.size(), heldOut.size(), trainDays + 1, settings.days());

    FeatureSpec spec = PortalSpec.spec();
    Configuration conf = new Configuration();
    Files.createDirectories(workDir);
    String trainFile = workDir.resolve("train.parquet").toString();
    String heldOutFile = workDir.resolve("heldout.parquet").toString();
    ParquetRows.write(conf, trainFile, spec.trainingSchema(), train);
    ParquetRows.write(conf, heldOutFile, spec.trainingSchema(), heldOut);
    say(verbose, "== 2/5 wrote Parquet typed by the '%s' spec under %s", spec.name(), workDir);

    say(verbose, "== 3/5 training Wide & Deep (%d wide, %d deep columns), %d epoch(s)", spec.wide().size(),
        spec.deep().size(), epochs);
    String modelBase = workDir.resolve("models").toString();
    TrainingReport report = new Trainer(spec, TrainingConfig.builder()
        .trainData(trainFile).evalData(heldOutFile).epochs(epochs).logEverySteps(500).shuffleBuffer(50_000)
        .modelBase(modelBase).logDir(workDir.resolve("tensorboard").toString()).build(), conf).train();
    say(verbose, "   exported version %d to %s", report.version(), report.exportPath());

    say(verbose, "== 4/5 loading the model into the SDK and ranking");
    LocalScorer scorer = LocalScorer.builder().modelBase(modelBase).modelName(spec.name())
        .providedFeatureKeys(spec.featureKeys()).build().awaitModel(Duration.ofSeconds(30));
    Candidates candidates = new Candidates(1, world.candidates());
    Recommender recommender = Recommender.builder().scorer(scorer).candidates(() -> candidates)
        .users(world.profiles()).fallback(Fallback.byFeature("article_popularity"))
        .defaultDeadline(Duration.ofMillis(200)).build();
    List<String> sample = sampleUsers(world, 3);
    for (String user : sample) {
      Ranking ranking = recommender.recommend(RankRequest.of(user, 10).withContext(Map.of("device", "mobile", "hour", 8)));
      if (verbose) {
        printRanking(world, user, ranking, candidates);
      }
    }

    say(verbose, "== 5/5 offline evaluation on the %d held-out days", settings.heldOutDays());
    List<PortalWorld.Slate> heldOutSlates = world.slates(trainDays, settings.days());
    OfflineEvaluation.Result model;
    try (ModelLease lease = scorer.acquire()) {
      model = OfflineEvaluation.model(lease, heldOutSlates);
    }
    OfflineEvaluation.Result popularity = OfflineEvaluation.popularity(heldOutSlates);
    if (verbose) {
      System.out.printf("%n%-20s %8s %9s   (%,d held-out visits with a click)%n", "ranking", "AUC", "NDCG@10",
          model.visits());
      for (OfflineEvaluation.Result r : List.of(model, popularity)) {
        System.out.printf("%-20s %8.4f %9.4f%n", r.name(), r.auc(), r.ndcgAt10());
      }
      System.out.printf("%ndone in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
    return new Outcome(world, report, model, popularity, recommender, scorer, sample);
  }

  private static List<String> sampleUsers(PortalWorld world, int n) {
    List<String> users = new ArrayList<>();
    for (int u = 0; users.size() < n && u < world.settings().users(); u++) {
      Object recent = world.profiles().features("u" + u).get("user_recent_sections");
      if (recent instanceof List<?> list && list.size() >= 8) {
        users.add("u" + u);
      }
    }
    return users;
  }

  private static void printRanking(PortalWorld world, String user, Ranking ranking, Candidates candidates) {
    List<?> recent = (List<?>) world.profiles().features(user).get("user_recent_sections");
    System.out.printf("%n-- user %s: likes %s; recently read %s%n", user, world.favouriteSections(user, 3),
        recent.subList(0, Math.min(8, recent.size())));
    System.out.printf("   top 10 by %s v%d (%s):%n", ranking.model(), ranking.modelVersion(), ranking.source());
    for (ScoredArticle scored : ranking.articles()) {
      Article article = candidates.byId().get(scored.articleId());
      System.out.printf("   %-6s %-9s age %5.1f h, %3.0f clicks/24h   p(click) %.3f%n", scored.articleId(),
          article.features().get("article_section"), article.features().get("article_age_hours"),
          article.features().get("article_popularity"), scored.score());
    }
  }

  private static void say(boolean verbose, String format, Object... args) {
    if (verbose) {
      System.out.printf(format + "%n", args);
    }
  }
}
