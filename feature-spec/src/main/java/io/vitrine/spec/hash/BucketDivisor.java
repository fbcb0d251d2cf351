package io.vitrine.spec.hash;

/**
 * {@link FarmHash#bucket} for one fixed bucket count, by multiplying with a precomputed reciprocal instead of
 * dividing: hash buckets and crosses sit on the request path, and a 64-bit division costs more than the hash.
 */
public final class BucketDivisor {
  private final long buckets;
  private final long reciprocal;

  public BucketDivisor(long buckets) {
    if (buckets <= 0) {
      throw new IllegalArgumentException("buckets must be positive, got " + buckets);
    }
    this.buckets = buckets;
    this.reciprocal = Long.divideUnsigned(-1L, buckets);
  }

  /** {@code hash} as an unsigned number modulo the bucket count. */
  public long bucket(long hash) {
    long quotient = Math.multiplyHigh(hash, reciprocal) + ((hash >> 63) & reciprocal) + ((reciprocal >> 63) & hash);
    long remainder = hash - quotient * buckets;
    // the estimated quotient is at most one too small
    return Long.compareUnsigned(remainder, buckets) >= 0 ? remainder - buckets : remainder;
  }
}
