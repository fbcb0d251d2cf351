package io.vitrine.serving.local;

import java.util.concurrent.atomic.AtomicInteger;

/** A reference count that starts at one (the owner's) and, once it has dropped to zero, cannot be taken again. */
final class RefCount {
  private final AtomicInteger count = new AtomicInteger(1);

  /** Takes a reference; false when the count is already zero (the resource is closing). */
  boolean retain() {
    for (int current = count.get(); current > 0; current = count.get()) {
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Drops a reference; true when it was the last, and the caller must close the resource. */
  boolean release() {
    return count.decrementAndGet() == 0;
  }

  boolean isZero() {
    return count.get() == 0;
  }
}
