package io.vitrine.trainer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class EventFileWriterTest {
  @Test
  void writesTfRecordFramedEventsThatReadBack(@TempDir Path dir) throws Exception {
    Path file;
    try (EventFileWriter writer = new EventFileWriter(dir)) {
      writer.scalar("loss", 10, 0.5);
      writer.scalar("eval/auc", 20, 0.91);
      file = writer.file();
    }
    assertThat(file.getFileName().toString()).startsWith("events.out.tfevents.");
    List<Event> events = read(Files.readAllBytes(file));
    assertThat(events).hasSize(3);
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(1).getStep()).isEqualTo(10);
    assertThat(events.get(1).getSummary().getValue(0).getTag()).isEqualTo("loss");
    assertThat(events.get(1).getSummary().getValue(0).getSimpleValue()).isEqualTo(0.5f);
    assertThat(events.get(2).getSummary().getValue(0).getTag()).isEqualTo("eval/auc");
  }

  /** Reads TFRecords as TensorBoard does, checking both CRCs. */
  static List<Event> read(byte[] bytes) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] length = new byte[8];
      in.get(length);
      assertThat(in.getInt()).isEqualTo(EventFileWriter.maskedCrc(length));
      byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
      in.get(data);
      assertThat(in.getInt()).isEqualTo(EventFileWriter.maskedCrc(data));
      events.add(Event.parseFrom(Arrays.copyOf(data, data.length)));
    }
    return events;
  }

  @Test
  void maskedCrcMatchesTensorFlowsKnownValue() {
    // crc32c("123456789") = 0xE3069283 (RFC 3720); masked per TensorFlow's crc32c::Mask
    int crc = 0xE3069283;
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertThat(EventFileWriter.maskedCrc("123456789".getBytes())).isEqualTo(masked);
  }
}
