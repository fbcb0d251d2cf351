package io.vitrine.examples;

import io.vitrine.examples.portal.PortalSpec;
import io.vitrine.spec.EncodedInput;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.encode.DenseValues;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.spec.encode.SparseValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The portal's feature spec, its JSON, and one user encoded against three articles. */
public final class SpecDemo {
  private SpecDemo() {}

  public static void main(String[] args) {
    FeatureSpec spec = PortalSpec.spec();
    System.out.println("== Feature spec '" + spec.name() + "' (fingerprint " + spec.fingerprint().substring(0, 16) + "…)");
    System.out.println("wide: " + names(spec.wide()));
    System.out.println("deep: " + names(spec.deep()));
    System.out.println("hyper-parameters: " + spec.hyperParameters());
    System.out.println();
    System.out.println("== The same spec as JSON (stored in every exported model as assets.extra/feature_spec.json)");
    System.out.println(spec.toJson());
    System.out.println();

    FeatureEncoder encoder = spec.encoder();
    Map<String, Object> user = Map.of(
        "user_recent_sections", List.of("sport", "sport", "tech"),
        "user_recent_articles", List.of("a-1001", "a-977"),
        "user_visits_30d", 12,
        "user_days_since_last_visit", 1.5,
        "device", "mobile",
        "hour", 8);
    List<Map<String, Object>> articles = List.of(
        Map.of("article_id", "a-2001", "article_section", "sport", "article_tags", List.of("football", "league"),
            "article_age_hours", 2.0, "article_popularity", 340),
        Map.of("article_id", "a-2002", "article_section", "tech", "article_tags", List.of("ai"),
            "article_age_hours", 30.0, "article_popularity", 95),
        Map.of("article_id", "a-2003", "article_section", "weather", "article_tags", List.of(),
            "article_age_hours", 0.5, "article_popularity", 12));
    PartialEncoding userPart = encoder.encodePart(user);
    EncodedBatch batch = encoder.combine(userPart, articles.stream().map(encoder::encodePart).toList());
    System.out.println("== One user x " + batch.rows() + " articles, encoded (user part once, article parts cacheable;"
        + " user-only inputs are sent once for all rows)");
    System.out.println("user: " + user);
    for (int row = 0; row < batch.rows(); row++) {
      System.out.println("-- row " + row + ": " + articles.get(row));
      for (SparseValues sparse : batch.sparse()) {
        EncodedInput input = sparse.input();
        System.out.printf("   %-40s ids %s%n", input.name() + " [" + input.numBuckets() + "]",
            Arrays.toString(sparse.idsOf(row)));
      }
      for (DenseValues dense : batch.dense()) {
        System.out.printf("   %-40s %.4f%n", dense.input().name(), dense.valueOf(row));
      }
    }
    System.out.println("(the 'weather' section is not in the vocabulary: its id is the OOV bucket "
        + PortalSpec.SECTIONS.size() + ")");
  }

  private static List<String> names(List<FeatureColumn> columns) {
    return columns.stream().map(FeatureColumn::name).toList();
  }
}
