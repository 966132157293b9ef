package dev.incidents.internal;

import dev.incidents.error.ErrorType;
import dev.incidents.error.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The order violations are reported in, so the first one (repeated at the top of the error body) is the
 * same on every run: problems with the call before problems with the body, body fields in the order of
 * docs/CONTRACT.md section 1, unknown fields after them, permission problems ({@code forbidden}) last so that a
 * request with any other problem is a {@code bad_request}. Within a field, by path (indices numerically).
 */
public final class Violations {

  private static final List<String> FIELD_ORDER = List.of(
      "tenant", "actor", "idempotency_key", "limit", "cursor", "id",
      "title", "body", "acknowledged_date", "identified_date", "mitigated_date", "target_close_date",
      "applies_to_parts", "artifacts", "owned_by", "stakeholders", "pia", "playbooks", "related_docs",
      "impacted_customers", "impact", "custom_fields", "custom_schema_spec", "reported_by", "severity",
      "source", "stage", "tags");

  private static final Map<String, Integer> RANK = IntStream.range(0, FIELD_ORDER.size()).boxed()
      .collect(Collectors.toUnmodifiableMap(FIELD_ORDER::get, Function.identity()));

  private static final Comparator<Violation> ORDER = Comparator
      .comparing((Violation v) -> v.type() == ErrorType.FORBIDDEN)
      .thenComparingInt(v -> rank(v.fieldName()))
      .thenComparing(Violation::fieldName, Violations::comparePaths)
      .thenComparing(v -> v.type().ordinal());

  private Violations() {}

  /** A sorted copy. The sort is stable, so problems the same field reports keep their order. */
  public static List<Violation> ordered(List<Violation> violations) {
    List<Violation> sorted = new ArrayList<>(violations);
    sorted.sort(ORDER);
    return sorted;
  }

  private static int rank(@Nullable String path) {
    if (path == null) {
      return -1;
    }
    int end = 0;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    return RANK.getOrDefault(path.substring(0, end), FIELD_ORDER.size());
  }

  /** Compares paths segment by segment, with array indices compared as numbers. */
  static int comparePaths(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb) && i > 0 && a.charAt(i - 1) == '[' && b.charAt(j - 1) == '[') {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        int byNumber = Long.compare(Long.parseLong(a.substring(i, ei)), Long.parseLong(b.substring(j, ej)));
        if (byNumber != 0) {
          return byNumber;
        }
        i = ei;
        j = ej;
        continue;
      }
      if (ca != cb) {
        return Character.compare(ca, cb);
      }
      i++;
      j++;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
