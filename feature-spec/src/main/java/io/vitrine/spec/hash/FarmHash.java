package io.vitrine.spec.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The stable 64-bit hashes behind hash buckets and crosses, equal bit for bit to TensorFlow's.
 *
 * <ul>
 *   <li>{@link #fingerprint64(String)}: FarmHash Fingerprint64 of the UTF-8 bytes (TensorFlow's
 *       {@code Fingerprint64}, Guava's {@code farmHashFingerprint64}).
 *   <li>{@link #hashBucket(String, long)}: {@code tf.strings.to_hash_bucket_fast}.
 *   <li>{@link #crossSeed()} and {@link #fingerprintCat64(long, long)}: the hashed output of
 *       {@code tf.feature_column.crossed_column} ({@code SparseCross} V1, {@code hash_key = 0xDECAFCAFFE}):
 *       {@code h = 0xDECAFCAFFE; for each component v: h = fingerprintCat64(h, fingerprint64(v));
 *       id = h mod buckets} (unsigned, {@link #bucket}).
 * </ul>
 */
public final class FarmHash {
  private static final long K0 = 0xc3a5c85c97cb3127L;
  private static final long K1 = 0xb492b66fbe98f273L;
  private static final long K2 = 0x9ae16a3b2f90404fL;
  private static final long CAT_MUL = 0xc6a4a7935bd1e995L;
  private static final long CROSS_HASH_KEY = 0xDECAFCAFFEL;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private FarmHash() {}

  /** FarmHash Fingerprint64 of the string's UTF-8 bytes. */
  public static long fingerprint64(String value) {
    return fingerprint64(value.getBytes(StandardCharsets.UTF_8));
  }

  /** FarmHash Fingerprint64 of {@code bytes}. */
  public static long fingerprint64(byte[] bytes) {
    int length = bytes.length;
    if (length <= 16) {
      return hashLength0to16(bytes, length);
    } else if (length <= 32) {
      return hashLength17to32(bytes, length);
    } else if (length <= 64) {
      return hashLength33to64(bytes, length);
    }
    return hashLength65Plus(bytes, length);
  }

  /** The bucket {@code tf.strings.to_hash_bucket_fast(value, buckets)} computes. */
  public static long hashBucket(String value, long buckets) {
    return bucket(fingerprint64(value), buckets);
  }

  /**
   * {@code hash} as an unsigned number modulo {@code buckets} (positive): {@code Long.remainderUnsigned}
   * without its BigInteger path for negative hashes on Java 17.
   */
  public static long bucket(long hash, long buckets) {
    if (hash >= 0) {
      return hash % buckets;
    }
    long remainder = hash - (((hash >>> 1) / buckets) << 1) * buckets;
    return Long.compareUnsigned(remainder, buckets) >= 0 ? remainder - buckets : remainder;
  }

  /** The start value of a cross hash chain. */
  public static long crossSeed() {
    return CROSS_HASH_KEY;
  }

  /** Combines two fingerprints (TensorFlow's {@code FingerprintCat64}). */
  public static long fingerprintCat64(long a, long b) {
    long r = a ^ CAT_MUL;
    r ^= shiftMix(b * CAT_MUL) * CAT_MUL;
    r *= CAT_MUL;
    r = shiftMix(r) * CAT_MUL;
    return shiftMix(r);
  }

  private static long load64(byte[] b, int offset) {
    return (long) LONG_LE.get(b, offset);
  }

  private static long load32(byte[] b, int offset) {
    return ((int) INT_LE.get(b, offset)) & 0xFFFFFFFFL;
  }

  private static long shiftMix(long v) {
    return v ^ (v >>> 47);
  }

  private static long hashLength16(long u, long v, long mul) {
    long a = (u ^ v) * mul;
    a ^= a >>> 47;
    long b = (v ^ a) * mul;
    b ^= b >>> 47;
    return b * mul;
  }

  private static long hashLength0to16(byte[] b, int length) {
    if (length >= 8) {
      long mul = K2 + length * 2L;
      long a = load64(b, 0) + K2;
      long c = load64(b, length - 8);
      long d = Long.rotateRight(c, 37) * mul + a;
      long e = (Long.rotateRight(a, 25) + c) * mul;
      return hashLength16(d, e, mul);
    }
    if (length >= 4) {
      long mul = K2 + length * 2L;
      long a = load32(b, 0);
      return hashLength16(length + (a << 3), load32(b, length - 4), mul);
    }
    if (length > 0) {
      int a = b[0] & 0xFF;
      int c = b[length >> 1] & 0xFF;
      int d = b[length - 1] & 0xFF;
      int y = a + (c << 8);
      int z = length + (d << 2);
      return shiftMix(y * K2 ^ z * K0) * K2;
    }
    return K2;
  }

  private static long hashLength17to32(byte[] b, int length) {
    long mul = K2 + length * 2L;
    long a = load64(b, 0) * K1;
    long c = load64(b, 8);
    long d = load64(b, length - 8) * mul;
    long e = load64(b, length - 16) * K2;
    return hashLength16(
        Long.rotateRight(a + c, 43) + Long.rotateRight(d, 30) + e,
        a + Long.rotateRight(c + K2, 18) + d,
        mul);
  }

  private static long hashLength33to64(byte[] b, int length) {
    long mul = K2 + length * 2L;
    long a = load64(b, 0) * K2;
    long c = load64(b, 8);
    long d = load64(b, length - 8) * mul;
    long e = load64(b, length - 16) * K2;
    long y = Long.rotateRight(a + c, 43) + Long.rotateRight(d, 30) + e;
    long z = hashLength16(y, a + Long.rotateRight(c + K2, 18) + d, mul);
    long f = load64(b, 16) * mul;
    long g = load64(b, 24);
    long h = (y + load64(b, length - 32)) * mul;
    long i = (z + load64(b, length - 24)) * mul;
    return hashLength16(
        Long.rotateRight(f + g, 43) + Long.rotateRight(h, 30) + i,
        f + Long.rotateRight(g + a, 18) + h,
        mul);
  }

  private static void weakHashLength32WithSeeds(
      byte[] b, int offset, long seedA, long seedB, long[] out) {
    long part1 = load64(b, offset);
    long part2 = load64(b, offset + 8);
    long part3 = load64(b, offset + 16);
    long part4 = load64(b, offset + 24);
    seedA += part1;
    seedB = Long.rotateRight(seedB + seedA + part4, 21);
    long c = seedA;
    seedA += part2;
    seedA += part3;
    seedB += Long.rotateRight(seedA, 44);
    out[0] = seedA + part4;
    out[1] = seedB + c;
  }

  private static long hashLength65Plus(byte[] b, int length) {
    final int seed = 81;
    long x = seed;
    long y = seed * K1 + 113;
    long z = shiftMix(y * K2 + 113) * K2;
    long[] v = new long[2];
    long[] w = new long[2];
    x = x * K2 + load64(b, 0);
    int offset = 0;
    int end = ((length - 1) / 64) * 64;
    int last64 = end + ((length - 1) & 63) - 63;
    do {
      x = Long.rotateRight(x + y + v[0] + load64(b, offset + 8), 37) * K1;
      y = Long.rotateRight(y + v[1] + load64(b, offset + 48), 42) * K1;
      x ^= w[1];
      y += v[0] + load64(b, offset + 40);
      z = Long.rotateRight(z + w[0], 33) * K1;
      weakHashLength32WithSeeds(b, offset, v[1] * K1, x + w[0], v);
      weakHashLength32WithSeeds(b, offset + 32, z + w[1], y + load64(b, offset + 16), w);
      long tmp = x;
      x = z;
      z = tmp;
      offset += 64;
    } while (offset != end);
    long mul = K1 + ((z & 0xFF) << 1);
    offset = last64;
    w[0] += (length - 1) & 63;
    v[0] += w[0];
    w[0] += v[0];
    x = Long.rotateRight(x + y + v[0] + load64(b, offset + 8), 37) * mul;
    y = Long.rotateRight(y + v[1] + load64(b, offset + 48), 42) * mul;
    x ^= w[1] * 9;
    y += v[0] * 9 + load64(b, offset + 40);
    z = Long.rotateRight(z + w[0], 33) * mul;
    weakHashLength32WithSeeds(b, offset, v[1] * mul, x + w[0], v);
    weakHashLength32WithSeeds(b, offset + 32, z + w[1], y + load64(b, offset + 16), w);
    return hashLength16(
        hashLength16(v[0], w[0], mul) + shiftMix(y) * K0 + x,
        hashLength16(v[1], w[1], mul) + z,
        mul);
  }
}
