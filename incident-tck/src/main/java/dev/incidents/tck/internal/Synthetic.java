package dev.incidents.tck.internal;

import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.spi.FacetFilter.Range;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.RenderedIncident;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/**
 * What the rules that talk to the SPI directly hand a store instead of the service's renderings: facets
 * from a small set of values (so that random filters often match, and values differ only where a careless
 * index confuses them: {@code devu/1} and {@code devu/10}, {@code bug} and {@code Bug}), filters over the
 * same values, and event payloads that say which change they announce.
 */
public final class Synthetic {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The first of the instants facets and ranges use; the others are whole hours after it. */
  public static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");

  static final List<Long> SEVERITIES = List.of(1L, 2L, 3L);
  static final List<Long> REPORTERS = List.of(10L, 11L);
  static final List<String> OWNERS = List.of(user(1), user(10), user(2));
  static final List<String> PARTS = List.of(part(1), part(12), part(2));
  static final List<String> CREATORS = List.of(user(1), user(2), "don:identity:local:devo/t:sysu/1");
  static final List<String> SUBTYPES = List.of("bug", "Bug", "outage");
  /** Hours after {@link #BASE} that facet dates take. */
  static final int HOURS = 4;

  private Synthetic() {}

  /** The owner DON number {@code i} of the value set (0 to 2): {@code devu/1}, {@code devu/10}, {@code devu/2}. */
  public static String owner(int i) {
    return OWNERS.get(i);
  }

  private static String user(int n) {
    return "don:identity:local:devo/t:devu/" + n;
  }

  private static String part(int n) {
    return "don:core:local:devo/t:capability/" + n;
  }

  static Instant hour(int h) {
    return BASE.plus(Duration.ofHours(h));
  }

  /** Facets drawn from the small value sets: about a third of the time each optional value is absent. */
  public static Gen<IncidentFacets> facets() {
    Gen<Integer> draw = integers().between(0, 999);
    return prng -> {
      int[] d = new int[12];
      for (int i = 0; i < d.length; i++) {
        d[i] = draw.generate(prng);
      }
      return new IncidentFacets(
          orNull(d[0], SEVERITIES),
          orNull(d[1], REPORTERS),
          1 + d[2] % 4,
          1 + d[3] % 3,
          subset(d[4], OWNERS),
          subset(d[5], PARTS),
          CREATORS.get(d[6] % CREATORS.size()),
          orNull(d[7], SUBTYPES),
          hour(d[8] % HOURS),
          hour(d[9] % HOURS),
          d[10] % 3 == 0 ? hour(d[10] % HOURS) : null,
          d[11] % 3 == 0 ? hour(d[11] % HOURS) : null);
    };
  }

  private static <T> @Nullable T orNull(int draw, List<T> values) {
    int at = draw % (values.size() + 1);
    return at == values.size() ? null : values.get(at);
  }

  /** A subset of {@code values}: bit i of {@code draw} says whether value i is in. */
  private static <T> Set<T> subset(int draw, List<T> values) {
    Set<T> set = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if ((draw >> i & 1) == 1) {
        set.add(values.get(i));
      }
    }
    return set;
  }

  /**
   * Filters over the same values: each condition is present about a quarter of the time, with one or two
   * values (sometimes one no incident has), and ranges bounded below, above or both, on and between the
   * instants facets take. A condition is present when its draw is 3 modulo 4, so shrinking (towards 0)
   * removes conditions that do not matter.
   */
  public static Gen<FacetFilter> filters() {
    Gen<Integer> draw = integers().between(0, 999);
    return prng -> {
      int[] d = new int[24];
      for (int i = 0; i < d.length; i++) {
        d[i] = draw.generate(prng);
      }
      return new FacetFilter(
          d[0] % 4 != 3 ? Set.of() : longs(d[1], SEVERITIES, 7L),
          d[2] % 4 != 3 ? Set.of() : longs(d[3], REPORTERS, 19L),
          d[4] % 4 != 3 ? Set.of() : longs(d[5], List.of(1L, 2L, 3L, 4L), 9L),
          d[6] % 4 != 3 ? Set.of() : longs(d[7], List.of(1L, 2L, 3L), 9L),
          d[8] % 4 != 3 ? Set.of() : strings(d[9], OWNERS),
          d[10] % 4 != 3 ? Set.of() : strings(d[11], PARTS),
          d[12] % 4 != 3 ? Set.of() : strings(d[13], CREATORS),
          d[14] % 4 != 3 ? Set.of() : strings(d[15], SUBTYPES),
          d[16] % 4 == 3 ? range(d[17]) : Range.ALL,
          d[18] % 4 == 3 ? range(d[19]) : Range.ALL,
          d[20] % 4 == 3 ? range(d[21]) : Range.ALL,
          d[22] % 4 == 3 ? range(d[23]) : Range.ALL);
    };
  }

  /** One value of {@code values}, two of them, or one of them and {@code never}, which no incident has. */
  private static Set<Long> longs(int draw, List<Long> values, long never) {
    Set<Long> set = new LinkedHashSet<>();
    set.add(values.get(draw % values.size()));
    if (draw % 3 == 1) {
      set.add(values.get((draw / 3) % values.size()));
    } else if (draw % 3 == 2) {
      set.add(never);
    }
    return set;
  }

  private static Set<String> strings(int draw, List<String> values) {
    Set<String> set = new LinkedHashSet<>();
    set.add(values.get(draw % values.size()));
    if (draw % 2 == 1) {
      set.add(values.get((draw / 2) % values.size()));
    }
    return set;
  }

  /** A range with an inclusive lower bound, an exclusive upper bound, or both, on the facet hours. */
  private static Range range(int draw) {
    Instant after = hour(draw % (HOURS + 1));
    Instant before = hour((draw / 5) % (HOURS + 1));
    return switch (draw % 3) {
      case 0 -> new Range(after, null);
      case 1 -> new Range(null, before);
      default -> new Range(after, before);
    };
  }

  /** A rendering of {@code document} with {@code facets} and {@code event} (or none). */
  // javac 17 writes no type annotations on the parameters of a compact canonical constructor, so NullAway,
  // reading core's class files, takes RenderedIncident's @Nullable event for non-null.
  @SuppressWarnings("NullAway")
  public static RenderedIncident rendered(byte[] document, IncidentFacets facets, byte @Nullable [] event) {
    return new RenderedIncident(document, facets, event);
  }

  /** The deletion of incident {@code number} at {@code version}, with {@code event} (or none). */
  // Suppressed for the reason given at rendered(...): IncidentDeletion's event is @Nullable.
  @SuppressWarnings("NullAway")
  public static IncidentDeletion deletion(String tenant, long number, long version, byte @Nullable [] event) {
    return new IncidentDeletion(tenant, number, version, event);
  }

  /**
   * An event payload that says which change it announces, written as a store must keep it byte for byte:
   * keys out of order, odd white space, a number with a fraction, escapes and characters beyond the BMP, so
   * that a store normalizing JSON (a {@code jsonb} column) changes it.
   */
  public static byte[] payload(String tenant, long number, long version, String kind, String note) {
    String json = "{ \"z\":1.0,\"tenant\" : \"" + tenant + "\", \"number\":" + number + ",\"version\":" + version
        + ",\"kind\":\"" + kind + "\",\"note\":\"" + escapeJson(note) + "\\u00e9 \u00e9 \ud834\udd1e\",  \"a\":[ ] }";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String escapeJson(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** What a payload of {@link #payload} says, or {@code null} for another payload. */
  public record Announced(String tenant, long number, long version, String kind, String note) {}

  /** Reads a payload written by {@link #payload}; {@code null} if it is not one. */
  public static @Nullable Announced announced(byte[] payload) {
    try {
      JsonNode node = MAPPER.readTree(payload);
      if (node == null || !node.has("kind") || !node.has("number")) {
        return null;
      }
      String note = node.path("note").asText();
      return new Announced(node.path("tenant").asText(), node.path("number").asLong(), node.path("version").asLong(),
          node.path("kind").asText(), note.substring(0, Math.max(0, note.length() - 6)));
    } catch (IOException e) {
      return null;
    }
  }

  /** Facets in a few words: only what is set. */
  public static String describe(IncidentFacets f) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    if (f.severity() != null) {
      j.add("severity " + f.severity());
    }
    if (f.reportedBy() != null) {
      j.add("reportedBy " + f.reportedBy());
    }
    j.add("stage " + f.stage()).add("state " + f.state());
    if (!f.ownedBy().isEmpty()) {
      j.add("ownedBy " + shortIds(f.ownedBy()));
    }
    if (!f.appliesToParts().isEmpty()) {
      j.add("parts " + shortIds(f.appliesToParts()));
    }
    j.add("createdBy " + shortId(f.createdBy()));
    if (f.subtype() != null) {
      j.add("subtype " + f.subtype());
    }
    j.add("created " + hours(f.createdDate())).add("modified " + hours(f.modifiedDate()));
    if (f.actualCloseDate() != null) {
      j.add("closed " + hours(f.actualCloseDate()));
    }
    if (f.targetCloseDate() != null) {
      j.add("target " + hours(f.targetCloseDate()));
    }
    return j.toString();
  }

  /** A filter in a few words: only its conditions; {@code {every incident}} for the empty filter. */
  public static String describe(FacetFilter f) {
    StringJoiner j = new StringJoiner(" AND ", "{", "}");
    condition(j, "severity", f.severity());
    condition(j, "reportedBy", f.reportedBy());
    condition(j, "stage", f.stage());
    condition(j, "state", f.state());
    condition(j, "ownedBy", shortIds(f.ownedBy()));
    condition(j, "parts", shortIds(f.appliesToParts()));
    condition(j, "createdBy", shortIds(f.createdBy()));
    condition(j, "subtype", f.subtype());
    range(j, "created", f.createdDate());
    range(j, "modified", f.modifiedDate());
    range(j, "closed", f.actualCloseDate());
    range(j, "target", f.targetCloseDate());
    return j.length() == 2 ? "{every incident}" : j.toString();
  }

  private static void condition(StringJoiner j, String name, java.util.Collection<?> values) {
    if (!values.isEmpty()) {
      j.add(name + " in " + values);
    }
  }

  private static void range(StringJoiner j, String name, Range range) {
    if (range.isBounded()) {
      j.add(name + " in [" + (range.after() == null ? "" : hours(range.after())) + ", "
          + (range.before() == null ? "" : hours(range.before())) + ")");
    }
  }

  private static String hours(Instant instant) {
    long h = Duration.between(BASE, instant).toHours();
    return "h" + h;
  }

  private static List<String> shortIds(Set<String> ids) {
    List<String> out = new ArrayList<>();
    ids.forEach(id -> out.add(shortId(id)));
    return out;
  }

  private static String shortId(String id) {
    int slash = id.lastIndexOf(':');
    return slash < 0 ? id : id.substring(slash + 1);
  }
}
