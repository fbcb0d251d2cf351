package io.vitrine.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVersionsTest {
  @Test
  void readersNeverSeeAPartialVersion(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("model");
    Files.createDirectories(local.resolve("variables"));
    for (int i = 0; i < 200; i++) {
      Files.write(local.resolve("variables/part-" + i), new byte[4_096]);
    }
    Files.writeString(local.resolve("saved_model.pb"), "complete");
    ModelVersions versions = new ModelVersions(new Configuration(), dir.resolve("base").toString(), "m");
    AtomicBoolean done = new AtomicBoolean();
    List<String> partial = new ArrayList<>();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        for (long v = 1; v <= versions.latest(); v++) {
          Path version = dir.resolve("base/m/" + v);
          try (var files = Files.list(version.resolve("variables"))) {
            if (!Files.exists(version.resolve("saved_model.pb")) || files.count() != 200) {
              partial.add(version.toString());
            }
          } catch (Exception e) {
            partial.add(version + ": " + e);
          }
        }
      }
    });
    reader.start();
    for (long v = 1; v <= 5; v++) {
      versions.publish(local, versions.latest() + 1);
    }
    done.set(true);
    reader.join();
    assertThat(partial).isEmpty();
    assertThat(versions.latest()).isEqualTo(5);
    try (var names = Files.list(dir.resolve("base/m"))) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
    }
  }

  @Test
  void temporaryAndNonNumericDirectoriesAreNotVersions(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("m/_tmp-9-abc"));
    Files.createDirectories(dir.resolve("m/7"));
    Files.createDirectories(dir.resolve("m/latest"));
    Files.createDirectories(dir.resolve("m/0"));
    assertThat(new ModelVersions(new Configuration(), dir.toString(), "m").latest()).isEqualTo(7);
  }
}
