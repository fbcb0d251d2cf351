package io.vitrine.trainer.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Reads and writes training rows as Parquet through Hadoop's FileSystem API ({@code file://}, {@code hdfs://}). */
public final class ParquetRows {
  private ParquetRows() {}

  /** The Parquet files named by {@code paths}: files as given, directories by their {@code *.parquet} files, sorted. */
  public static List<Path> files(Configuration conf, List<String> paths) {
    List<Path> files = new ArrayList<>();
    for (String name : paths) {
      Path path = new Path(name);
      try {
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status = fs.getFileStatus(path);
        if (status.isDirectory()) {
          FileStatus[] children = fs.listStatus(path, p -> p.getName().endsWith(".parquet"));
          Arrays.sort(children);
          for (FileStatus child : children) {
            files.add(child.getPath());
          }
        } else {
          files.add(status.getPath());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list training data " + name + ": " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no Parquet files under " + paths);
    }
    return files;
  }

  /**
   * The rows of {@code files}, in order, as maps with the fields of {@code schema} that the file has (a field
   * the file lacks is simply missing). A file that lacks one of {@code required} fields is an error.
   */
  public static Iterator<SourcedRow> read(Configuration conf, List<Path> files, Schema schema, List<String> required) {
    return new Iterator<>() {
      private int file = -1;
      private ParquetReader<GenericRecord> reader;
      private long index;
      private SourcedRow next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          try {
            if (reader == null) {
              if (++file >= files.size()) {
                return false;
              }
              reader = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(files.get(file), conf))
                  .withDataModel(GenericData.get()).withConf(conf).build();
              index = 0;
            }
            GenericRecord record = reader.read();
            if (record == null) {
              reader.close();
              reader = null;
            } else {
              next = new SourcedRow(toMap(record, schema, required, files.get(file)), files.get(file).toString(), index++);
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.get(file) + " at row " + index + ": " + e.getMessage(), e);
          }
        }
        return true;
      }

      @Override
      public SourcedRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        SourcedRow row = next;
        next = null;
        return row;
      }
    };
  }

  private static Map<String, Object> toMap(GenericRecord record, Schema schema, List<String> required, Path file) {
    Schema fileSchema = record.getSchema();
    Map<String, Object> values = new HashMap<>();
    for (Schema.Field field : schema.getFields()) {
      if (fileSchema.getField(field.name()) != null) {
        Object value = record.get(field.name());
        if (value != null) {
          values.put(field.name(), value);
        }
      } else if (required.contains(field.name())) {
        throw new IllegalArgumentException(file + " has no column '" + field.name() + "', which training needs;"
            + " its columns are " + fileSchema.getFields().stream().map(Schema.Field::name).toList());
      }
    }
    return values;
  }

  /** Writes {@code rows} as one Parquet file typed by {@code schema}, replacing any file at {@code path}. */
  public static void write(Configuration conf, String path, Schema schema, Iterable<? extends Map<String, ?>> rows) {
    Path target = new Path(path);
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(target, conf))
        .withSchema(schema).withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (Map<String, ?> row : rows) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.name(), convert(row.get(field.name()), field.schema()));
        }
        writer.write(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static Object convert(Object value, Schema type) {
    if (value == null) {
      return null;
    }
    if (type.getType() == Schema.Type.UNION) {
      type = type.getTypes().get(type.getTypes().size() - 1);
    }
    switch (type.getType()) {
      case DOUBLE:
        return value instanceof Number n ? n.doubleValue() : value;
      case LONG:
        return value instanceof Number n ? n.longValue() : value;
      case INT:
        return value instanceof Number n ? n.intValue() : value;
      case STRING:
        return value.toString();
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (Object item : (Iterable<?>) value) {
          items.add(convert(item, type.getElementType()));
        }
        return items;
      default:
        return value;
    }
  }
}
