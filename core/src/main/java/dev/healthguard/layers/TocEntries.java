package dev.healthguard.layers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthguard.registry.LayerDescriptor;
import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The {@code entries} of a TOC JSON, as the listing of a tar stream would hold them. Both formats
 * share the CRFS entry shape: {@code {"name", "type", "linkName", "mode", …}}, with {@code type} one
 * of {@code reg dir symlink hardlink char block fifo chunk} (containers/storage {@code
 * FileMetadata}, stargz-snapshotter {@code TOCEntry}). A {@code chunk} entry is a further piece of
 * the file before it and is skipped; any other type fails the TOC. Entries go through the same
 * {@link ListingCollector} as tar headers, so whiteouts, path rules and limits are the same.
 */
final class TocEntries {

  private static final JsonFactory JSON = new JsonFactory();

  private TocEntries() {}

  static LayerListing listing(byte[] json, LayerDescriptor layer, Limits limits) throws IOException {
    ListingCollector collector = new ListingCollector(layer.digest(), limits);
    try (JsonParser parser = JSON.createParser(json)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      boolean sawEntries = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if (field.equals("version")) {
          if (value != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != 1) {
            throw new TocException("TOC version is not 1");
          }
        } else if (field.equals("entries")) {
          expect(value, JsonToken.START_ARRAY);
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            entry(parser, collector);
          }
          sawEntries = true;
        } else {
          parser.skipChildren();
        }
      }
      if (!sawEntries) {
        throw new TocException("the TOC has no entries");
      }
    }
    return collector.finish(layer.mediaType(), compression(layer), layer.size(), 0);
  }

  private static void entry(JsonParser parser, ListingCollector collector) throws IOException {
    String name = null;
    String type = null;
    String linkName = "";
    int mode = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "name" -> name = text(parser, value);
        case "type" -> type = text(parser, value);
        case "linkName" -> linkName = text(parser, value);
        case "mode" -> {
          expect(value, JsonToken.VALUE_NUMBER_INT);
          mode = (int) (parser.getLongValue() & 07777);
        }
        default -> parser.skipChildren();
      }
    }
    if (name == null || type == null) {
      throw new TocException("a TOC entry has no name or type");
    }
    if (type.equals("chunk")) {
      return;
    }
    collector.add(new TocEntry(name, flag(type), linkName, mode));
  }

  private static byte flag(String type) {
    return switch (type) {
      case "reg" -> TarArchiveEntry.LF_NORMAL;
      case "dir" -> TarArchiveEntry.LF_DIR;
      case "symlink" -> TarArchiveEntry.LF_SYMLINK;
      case "hardlink" -> TarArchiveEntry.LF_LINK;
      case "char" -> TarArchiveEntry.LF_CHR;
      case "block" -> TarArchiveEntry.LF_BLK;
      case "fifo" -> TarArchiveEntry.LF_FIFO;
      default -> throw new TocException("unknown TOC entry type");
    };
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    expect(value, JsonToken.VALUE_STRING);
    return parser.getText();
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new TocException("the TOC JSON has " + actual + " where " + expected + " belongs");
    }
  }

  // The format says how the layer is compressed; the bytes were not looked at.
  private static LayerListing.Compression compression(LayerDescriptor layer) {
    return ZstdChunkedToc.annotated(layer.annotations()) ? LayerListing.Compression.ZSTD : LayerListing.Compression.GZIP;
  }

  /**
   * A TOC entry in the shape the collector reads tar headers in. It has no header bytes, so there
   * is no checksum to be wrong; its name keeps its spelling (the collector normalizes it).
   */
  private static final class TocEntry extends TarArchiveEntry {
    private final String name;

    TocEntry(String name, byte flag, String linkName, int mode) {
      super(name, flag);
      this.name = name;
      setLinkName(linkName);
      setMode(mode);
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isCheckSumOK() {
      return true;
    }
  }
}
