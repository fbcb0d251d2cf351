package io.vitrine.spec.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FarmHashTest {
  @Test
  void hashBucketsEqualTensorFlowToHashBucketFast() {
    // values computed by TensorFlow's own to_hash_bucket_fast (see DESIGN.md)
    assertThat(FarmHash.hashBucket("hello", 1000)).isEqualTo(296);
    assertThat(FarmHash.hashBucket("world", 1000)).isEqualTo(598);
    assertThat(FarmHash.hashBucket("", 1000)).isEqualTo(263);
    assertThat(FarmHash.hashBucket("Bachelors", 1000)).isEqualTo(456);
    assertThat(FarmHash.hashBucket("Exec-managerial", 1000)).isEqualTo(800);
    assertThat(FarmHash.hashBucket("ação", 1000)).isEqualTo(615);
  }

  @Test
  void crossesEqualTensorFlowCrossedColumn() {
    assertThat(cross(10_000, "Bachelors", "Exec-managerial")).isEqualTo(9469);
    assertThat(cross(10_000, "HS-grad", "Sales")).isEqualTo(8991);
    assertThat(cross(10_000, "a", "b")).isEqualTo(4986);
  }

  @Test
  void fingerprintEqualsGuavaFarmHashForEveryLength() {
    Random random = new Random(7);
    for (int length = 0; length <= 300; length++) {
      for (int trial = 0; trial < 20; trial++) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        assertThat(FarmHash.fingerprint64(bytes))
            .as("length %d", length)
            .isEqualTo(Hashing.farmHashFingerprint64().hashBytes(bytes).asLong());
      }
    }
    String text = "Exec-managerial × ação";
    assertThat(FarmHash.fingerprint64(text))
        .isEqualTo(Hashing.farmHashFingerprint64().hashString(text, StandardCharsets.UTF_8).asLong());
  }

  @Test
  void bucketsEqualUnsignedRemainder() {
    Random random = new Random(3);
    long[] sizes = {1, 2, 3, 24, 1000, 1024, 10_000, 100_003, (1L << 40) + 7, 1L << 62, Long.MAX_VALUE};
    for (int i = 0; i < 100_000; i++) {
      long hash = i < 4 ? new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[i] : random.nextLong();
      for (long size : sizes) {
        assertThat(FarmHash.bucket(hash, size)).isEqualTo(Long.remainderUnsigned(hash, size));
        assertThat(new BucketDivisor(size).bucket(hash)).isEqualTo(Long.remainderUnsigned(hash, size));
      }
    }
  }

  private static long cross(long buckets, String... values) {
    long h = FarmHash.crossSeed();
    for (String v : values) {
      h = FarmHash.fingerprintCat64(h, FarmHash.fingerprint64(v));
    }
    return Long.remainderUnsigned(h, buckets);
  }
}
