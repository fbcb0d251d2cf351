package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;

/**
 * How a numeric value is scaled before it enters the deep part.
 *
 * @param kind which formula
 * @param a the mean (z-score) or the minimum (min-max); unused otherwise
 * @param b the standard deviation (z-score) or the maximum (min-max); unused otherwise
 */
public record Normalizer(Kind kind, double a, double b) {
  /** The formulas. */
  public enum Kind {
    /** {@code x} */
    NONE,
    /** {@code (x - mean) / std} */
    Z_SCORE,
    /** {@code (x - min) / (max - min)} */
    MIN_MAX,
    /** {@code log(1 + x)}, for counts; {@code x} must be greater than -1 */
    LOG1P
  }

  public Normalizer {
    if (kind == null) {
      throw new FeatureSpecException("normalizer kind is required");
    }
    if (kind == Kind.Z_SCORE && !(b > 0 && Double.isFinite(a) && Double.isFinite(b))) {
      throw new FeatureSpecException("z-score normalizer needs a finite mean and a positive std, got std " + b);
    }
    if (kind == Kind.MIN_MAX && !(b > a && Double.isFinite(a) && Double.isFinite(b))) {
      throw new FeatureSpecException("min-max normalizer needs finite min < max, got [" + a + ", " + b + "]");
    }
  }

  public static Normalizer none() {
    return new Normalizer(Kind.NONE, 0, 0);
  }

  public static Normalizer zScore(double mean, double std) {
    return new Normalizer(Kind.Z_SCORE, mean, std);
  }

  public static Normalizer minMax(double min, double max) {
    return new Normalizer(Kind.MIN_MAX, min, max);
  }

  public static Normalizer log1p() {
    return new Normalizer(Kind.LOG1P, 0, 0);
  }

  /** Applies the formula; the result is NaN when {@code x} is outside the formula's domain. */
  public double apply(double x) {
    return switch (kind) {
      case NONE -> x;
      case Z_SCORE -> (x - a) / b;
      case MIN_MAX -> (x - a) / (b - a);
      case LOG1P -> x > -1 ? Math.log1p(x) : Double.NaN;
    };
  }
}
