package io.vitrine.serving.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which of a model's published versions to serve. */
public sealed interface VersionPolicy {
  /** The highest version that loads (TensorFlow Serving's default). */
  static VersionPolicy latest() {
    return new Latest();
  }

  /** Exactly {@code version}, never another. */
  static VersionPolicy pinned(long version) {
    if (version <= 0) {
      throw new IllegalArgumentException("versions are positive, got " + version);
    }
    return new Pinned(version);
  }

  /** The versions to try, best first, from those published (ascending). */
  List<Long> candidates(List<Long> published);

  /** Serve the highest version. */
  record Latest() implements VersionPolicy {
    @Override
    public List<Long> candidates(List<Long> published) {
      List<Long> newestFirst = new ArrayList<>(published);
      Collections.reverse(newestFirst);
      return newestFirst;
    }
  }

  /** Serve one version. */
  record Pinned(long version) implements VersionPolicy {
    @Override
    public List<Long> candidates(List<Long> published) {
      return published.contains(version) ? List.of(version) : List.of();
    }
  }
}
