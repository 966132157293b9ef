package dev.incidents.testing;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.incidents.error.ErrorType;
import dev.incidents.reference.ObjectType;
import dev.incidents.schema.FieldType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of custom field values for each {@link FieldType}: valid values (JSON-shaped, as a request
 * carries them) with the normalized value the response must show, and invalid values with the error type
 * they must cause.
 */
public final class CustomFieldValues {

  /** The allowed values of the enum fields these generators use. */
  public static final List<String> ENUM_VALUES = List.of("eu", "us", "ap-south", "ünïcode ✓");

  private CustomFieldValues() {}

  /**
   * A value as sent and as the response must show it.
   *
   * @param sent the JSON-shaped value of the request
   * @param shown the JSON-shaped value of the response
   */
  public record Valid(Object sent, Object shown) {}

  /**
   * A value that breaks its field's type.
   *
   * @param sent the JSON-shaped value of the request
   * @param error the error type it must cause
   */
  public record Invalid(Object sent, ErrorType error) {}

  /** The last instant whose local date stays in year 9999 under every offset. */
  private static final java.time.Instant LAST_SAFE = java.time.Instant.parse("9999-12-30T00:00:00Z");

  private static final DateTimeFormatter OFFSET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  /** Valid values of a field type, in {@code tenant}. */
  public static Gen<Valid> valid(FieldType type, String tenant) {
    return switch (type) {
      case INT -> longs().all().map(l -> new Valid(l, l));
      case DOUBLE -> Generate.oneOf(
          doubles().between(-1e15, 1e15).map(d -> new Valid(d, d == 0.0 ? 0.0 : d)),
          longs().between(-(1L << 52), 1L << 52).map(l -> new Valid(l, l.doubleValue())));
      case BOOL -> booleans().all().map(b -> new Valid(b, b));
      case TOKENS, TEXT, RICH_TEXT -> Generators.text(0, 200).map(s -> new Valid(s, s));
      case ENUM -> Generate.pick(ENUM_VALUES).map(s -> new Valid(s, s));
      case TIMESTAMP -> Generators.anyInstants().map(i -> i.isAfter(LAST_SAFE) ? LAST_SAFE : i).zip(integers().between(-14 * 4, 14 * 4), (instant, quarters) -> {
        String sent = OFFSET_FORMAT.format(instant.atOffset(ZoneOffset.ofTotalSeconds(quarters * 900)));
        return new Valid(sent, DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
            .format(instant));
      });
      case DATE -> longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
          .map(day -> {
            String text = LocalDate.ofEpochDay(day).toString();
            return new Valid(text, text);
          });
      case ID -> Generate.pick(List.of(ObjectType.values())).zip(longs().between(1, Long.MAX_VALUE), booleans().all(),
          (objectType, n, asDon) -> {
            String don = "don:" + objectType.namespace() + ":" + Generators.PARTITION + ":devo/" + tenant + ":"
                + objectType.donSegment() + "/" + n;
            String display = objectType.prefix() + "-" + n;
            Map<String, Object> summary = new LinkedHashMap<>();
            switch (objectType.category()) {
              case USER -> summary.put("type", objectType.userType().toString());
              case PART -> summary.put("type", objectType.partType().toString());
              default -> { }
            }
            summary.put("id", don);
            summary.put("display_id", display);
            return new Valid(asDon ? don : display, summary);
          });
    };
  }

  /** Invalid values of a field type: the wrong JSON type, or the right type breaking the type's rule. */
  public static Gen<Invalid> invalid(FieldType type) {
    Gen<Invalid> wrongJsonType = Generate.pick(wrongJsonTypes(type)).map(v -> new Invalid(v, ErrorType.UNEXPECTED_JSON_TYPE));
    Gen<Invalid> brokenRule = switch (type) {
      case ENUM -> Generate.pick(List.of("EU", "", "asia")).map(v -> new Invalid(v, ErrorType.INVALID_ENUM_VALUE));
      case TIMESTAMP -> Generate.pick(List.of("2024-01-01", "2024-01-01T00:00:00", "now", "2024-13-01T00:00:00Z"))
          .map(v -> new Invalid(v, ErrorType.VALUE_NOT_PERMITTED));
      case DATE -> Generate.pick(List.of("2024-02-30", "2024-1-1", "20240101", "2024-01-01T00:00:00Z"))
          .map(v -> new Invalid(v, ErrorType.VALUE_NOT_PERMITTED));
      case ID -> Generate.pick(List.of("FOO-1", "PROD-0", "don:core:local:devo/someone-else:product/1"))
          .map(v -> new Invalid(v, ErrorType.INVALID_ID));
      case TOKENS, TEXT, RICH_TEXT -> Generate.pick(List.of("nul\u0000", "\udc00lone"))
          .map(v -> new Invalid(v, ErrorType.VALUE_NOT_PERMITTED));
      default -> null;
    };
    return brokenRule == null ? wrongJsonType
        : Generate.frequency(Pair.of(1, wrongJsonType), Pair.of(1, brokenRule));
  }

  private static List<Object> wrongJsonTypes(FieldType type) {
    List<Object> all = List.of("7", 7L, 7.5, true, List.of(1L), Map.of("a", 1L));
    return all.stream().filter(v -> !fits(type, v)).toList();
  }

  private static boolean fits(FieldType type, Object value) {
    return switch (type) {
      case INT -> value instanceof Long;
      case DOUBLE -> value instanceof Long || value instanceof Double;
      case BOOL -> value instanceof Boolean;
      case TOKENS, TEXT, RICH_TEXT, ENUM, TIMESTAMP, DATE, ID -> value instanceof String;
    };
  }
}
