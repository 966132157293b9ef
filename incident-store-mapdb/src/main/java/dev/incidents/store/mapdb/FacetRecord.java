package dev.incidents.store.mapdb;

import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentFacets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How the store keeps an incident's {@link IncidentFacets}: as bytes in {@value Database#FACETS} (so the file
 * depends on no class of this library), and as <em>terms</em> in {@value Database#POSTINGS}, one per value that
 * filters test for equality, each a one-letter facet code and the value's text ({@code s0} for severity 0,
 * {@code odon:identity:...} for an owner). The dates are not terms: filters check them on the candidates'
 * facets.
 *
 * <p>Bytes: a format byte ({@value #FORMAT}), then each facet in the order of the record's components:
 * optional values as a presence byte and the value, sets as a count and their values in sorted order,
 * strings as UTF-8 with a length, instants as epoch seconds and nanoseconds.
 */
final class FacetRecord {

  private static final byte FORMAT = 1;
  private static final HexFormat HEX = HexFormat.of();

  /** The facets filters test for equality, each with its term code. */
  enum Facet {
    SEVERITY('s'),
    REPORTED_BY('r'),
    STAGE('g'),
    STATE('t'),
    OWNED_BY('o'),
    APPLIES_TO_PARTS('p'),
    CREATED_BY('c'),
    SUBTYPE('u');

    final char code;

    Facet(char code) {
      this.code = code;
    }

    String term(Object value) {
      return code + value.toString();
    }

    /** The incident's values of this facet. */
    Collection<?> values(IncidentFacets facets) {
      return switch (this) {
        case SEVERITY -> optional(facets.severity());
        case REPORTED_BY -> optional(facets.reportedBy());
        case STAGE -> List.of(facets.stage());
        case STATE -> List.of(facets.state());
        case OWNED_BY -> facets.ownedBy();
        case APPLIES_TO_PARTS -> facets.appliesToParts();
        case CREATED_BY -> List.of(facets.createdBy());
        case SUBTYPE -> optional(facets.subtype());
      };
    }

    /** The values a filter asks for (any of them), empty when it does not constrain this facet. */
    Set<?> wanted(FacetFilter filter) {
      return switch (this) {
        case SEVERITY -> filter.severity();
        case REPORTED_BY -> filter.reportedBy();
        case STAGE -> filter.stage();
        case STATE -> filter.state();
        case OWNED_BY -> filter.ownedBy();
        case APPLIES_TO_PARTS -> filter.appliesToParts();
        case CREATED_BY -> filter.createdBy();
        case SUBTYPE -> filter.subtype();
      };
    }

    private static List<?> optional(@Nullable Object value) {
      return value == null ? List.of() : List.of(value);
    }
  }

  private FacetRecord() {}

  /** Every term of an incident with these facets, each once. */
  static Set<String> terms(IncidentFacets facets) {
    Set<String> terms = new LinkedHashSet<>();
    for (Facet facet : Facet.values()) {
      for (Object value : facet.values(facets)) {
        terms.add(facet.term(value));
      }
    }
    return terms;
  }

  /**
   * The conditions of a filter's equality facets: for each facet it constrains, the terms of which an
   * incident must have one. Empty for a filter that constrains only dates, or nothing.
   */
  static List<List<String>> conditions(FacetFilter filter) {
    List<List<String>> conditions = new ArrayList<>();
    for (Facet facet : Facet.values()) {
      Set<?> wanted = facet.wanted(filter);
      if (!wanted.isEmpty()) {
        List<String> terms = new ArrayList<>(wanted.size());
        for (Object value : wanted) {
          terms.add(facet.term(value));
        }
        conditions.add(terms);
      }
    }
    return conditions;
  }

  static byte[] encode(IncidentFacets facets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeOptionalLong(out, facets.severity());
      writeOptionalLong(out, facets.reportedBy());
      out.writeLong(facets.stage());
      out.writeLong(facets.state());
      writeStrings(out, facets.ownedBy());
      writeStrings(out, facets.appliesToParts());
      writeString(out, facets.createdBy());
      out.writeBoolean(facets.subtype() != null);
      if (facets.subtype() != null) {
        writeString(out, facets.subtype());
      }
      writeInstant(out, facets.createdDate());
      writeInstant(out, facets.modifiedDate());
      writeOptionalInstant(out, facets.actualCloseDate());
      writeOptionalInstant(out, facets.targetCloseDate());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not from a byte array
    }
    return bytes.toByteArray();
  }

  /**
   * The facets {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if {@code bytes} are not such a record
   */
  static IncidentFacets decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new IOException("unknown format byte " + bytes[0]);
      }
      Long severity = readOptionalLong(in);
      Long reportedBy = readOptionalLong(in);
      long stage = in.readLong();
      long state = in.readLong();
      Set<String> ownedBy = readStrings(in);
      Set<String> appliesToParts = readStrings(in);
      String createdBy = readString(in);
      String subtype = in.readBoolean() ? readString(in) : null;
      Instant createdDate = readInstant(in);
      Instant modifiedDate = readInstant(in);
      Instant actualCloseDate = in.readBoolean() ? readInstant(in) : null;
      Instant targetCloseDate = in.readBoolean() ? readInstant(in) : null;
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes too many");
      }
      return new IncidentFacets(severity, reportedBy, stage, state, ownedBy, appliesToParts, createdBy, subtype,
          createdDate, modifiedDate, actualCloseDate, targetCloseDate);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a facets record (" + e.getMessage() + "): "
          + HEX.formatHex(bytes, 0, Math.min(bytes.length, 64)), e);
    }
  }

  private static void writeOptionalLong(DataOutputStream out, @Nullable Long value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }

  private static @Nullable Long readOptionalLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  private static void writeStrings(DataOutputStream out, Set<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : new TreeSet<>(values)) {
      writeString(out, value);
    }
  }

  private static Set<String> readStrings(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("a set of " + count + " values");
    }
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      values.add(readString(in));
    }
    return values;
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a string of " + length + " bytes");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  private static void writeOptionalInstant(DataOutputStream out, @Nullable Instant instant) throws IOException {
    out.writeBoolean(instant != null);
    if (instant != null) {
      writeInstant(out, instant);
    }
  }
}
