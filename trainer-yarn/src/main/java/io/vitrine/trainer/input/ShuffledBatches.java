package io.vitrine.trainer.input;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Batches drawn from a stream of rows through a shuffle buffer, like {@code tf.data}'s
 * {@code shuffle(buffer).batch(size)}: the buffer fills first, then each row taken is replaced by the next one read.
 */
public final class ShuffledBatches {
  private final Iterator<SourcedRow> rows;
  private final List<SourcedRow> buffer;
  private final int bufferSize;
  private final int batchSize;
  private final Random random;

  public ShuffledBatches(Iterator<SourcedRow> rows, int bufferSize, int batchSize, Random random) {
    this.rows = rows;
    this.bufferSize = Math.max(1, bufferSize);
    this.batchSize = batchSize;
    this.random = random;
    this.buffer = new ArrayList<>(this.bufferSize);
  }

  /** The next batch, shorter at the end of the data, empty when the data is exhausted. */
  public List<SourcedRow> next() {
    List<SourcedRow> batch = new ArrayList<>(batchSize);
    while (batch.size() < batchSize) {
      while (buffer.size() < bufferSize && rows.hasNext()) {
        buffer.add(rows.next());
      }
      if (buffer.isEmpty()) {
        break;
      }
      int pick = random.nextInt(buffer.size());
      SourcedRow last = buffer.remove(buffer.size() - 1);
      if (pick < buffer.size()) {
        batch.add(buffer.set(pick, last));
      } else {
        batch.add(last);
      }
    }
    return batch;
  }
}
