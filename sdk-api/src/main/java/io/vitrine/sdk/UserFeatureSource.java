package io.vitrine.sdk;

import java.util.Map;

/**
 * Computes a user's raw features at request time, keyed as in the model's spec. For an unknown user return an
 * empty map: every column then takes its declared default (cold start).
 */
@FunctionalInterface
public interface UserFeatureSource {
  Map<String, Object> features(String userId);
}
