package io.vitrine.trainer.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The versions of a model under {@code <base>/<model>/}, laid out as TensorFlow Serving expects: one directory
 * per positive integer version. A new version is copied under a temporary name starting with {@code _} (which
 * readers ignore) and renamed into place when complete, so no reader ever sees half a model. One writer per
 * model name is assumed.
 */
public final class ModelVersions {
  private final FileSystem fs;
  private final Path modelDir;

  public ModelVersions(Configuration conf, String base, String model) {
    this.modelDir = new Path(base, model);
    try {
      this.fs = modelDir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the filesystem of " + modelDir, e);
    }
  }

  /** The model's directory. */
  public Path modelDir() {
    return modelDir;
  }

  /** The highest published version, or 0 when there is none. */
  public long latest() {
    List<Long> versions = versions();
    return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
  }

  /** The published versions, ascending; temporary and non-numeric directories are not versions. */
  public List<Long> versions() {
    try {
      if (!fs.exists(modelDir)) {
        return List.of();
      }
      List<Long> versions = new ArrayList<>();
      for (FileStatus status : fs.listStatus(modelDir)) {
        long version = parseVersion(status);
        if (version > 0) {
          versions.add(version);
        }
      }
      Collections.sort(versions);
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }

  /** The directory of {@code version}. */
  public Path versionDir(long version) {
    return new Path(modelDir, Long.toString(version));
  }

  /** The filesystem the model lives on. */
  public FileSystem fileSystem() {
    return fs;
  }

  /** Copies the complete local model directory {@code local} in as version {@code version}; returns its path. */
  public Path publish(java.nio.file.Path local, long version) {
    Path target = versionDir(version);
    Path temporary = new Path(modelDir, "_tmp-" + version + "-" + UUID.randomUUID());
    try {
      fs.mkdirs(modelDir);
      if (fs.exists(target)) {
        throw new IllegalStateException("version " + version + " of " + modelDir + " already exists");
      }
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), temporary);
      if (!fs.rename(temporary, target)) {
        fs.delete(temporary, true);
        throw new IOException("rename of " + temporary + " to " + target + " failed");
      }
      return fs.makeQualified(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish version " + version + " under " + modelDir + ": " + e.getMessage(), e);
    }
  }

  private static long parseVersion(FileStatus status) {
    String name = status.getPath().getName();
    if (!status.isDirectory() || !name.matches("[1-9][0-9]{0,17}")) {
      return 0;
    }
    return Long.parseLong(name);
  }
}
