package io.vitrine.trainer.summary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Writes scalar summaries as a TensorBoard event file ({@code events.out.tfevents.<time>.vitrine}): TFRecord
 * framing (length, masked CRC32C of the length, the Event proto, masked CRC32C of the data).
 */
public final class EventFileWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;

  public EventFileWriter(Path directory) {
    try {
      Files.createDirectories(directory);
      long now = System.currentTimeMillis();
      file = directory.resolve("events.out.tfevents." + now / 1000 + ".vitrine." + ProcessHandle.current().pid());
      out = new BufferedOutputStream(Files.newOutputStream(file));
      write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion("brain.Event:2").build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TensorBoard events under " + directory, e);
    }
  }

  /** The event file. */
  public Path file() {
    return file;
  }

  /** Records {@code value} for {@code tag} at {@code step}. */
  public void scalar(String tag, long step, double value) {
    Summary summary = Summary.newBuilder()
        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value))
        .build();
    write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step).setSummary(summary).build());
  }

  /** Makes what was written visible to TensorBoard. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush " + file, e);
    }
  }

  private void write(Event event) {
    byte[] data = event.toByteArray();
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    try {
      out.write(length);
      out.write(intLittleEndian(maskedCrc(length)));
      out.write(data);
      out.write(intLittleEndian(maskedCrc(data)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  private static byte[] intLittleEndian(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
