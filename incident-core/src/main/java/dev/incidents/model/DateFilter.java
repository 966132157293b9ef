package dev.incidents.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A date condition of a list filter (docs/CONTRACT.md section 11), as the API's {@code date-filter}: a range,
 * or a preset relative to the service clock.
 */
public sealed interface DateFilter permits DateFilter.Range, DateFilter.LastDays, DateFilter.NextDays {

  /** Dates from {@code after} (inclusive) to {@code before} (exclusive). */
  static Range range(@Nullable Instant after, @Nullable Instant before) {
    return new Range(after, before);
  }

  /** Dates from {@code after} on. */
  static Range onOrAfter(Instant after) {
    return new Range(after, null);
  }

  /** Dates before {@code before}. */
  static Range before(Instant before) {
    return new Range(null, before);
  }

  /**
   * {@code {"type": "range", "after": ..., "before": ...}}: either bound may be absent, not both.
   *
   * @param after the earliest date that matches, or {@code null}
   * @param before the first date after the range, or {@code null}
   */
  record Range(@Nullable Instant after, @Nullable Instant before) implements DateFilter {
    /** Truncates the bounds to milliseconds, the precision dates are kept in. */
    public Range {
      after = after == null ? null : after.truncatedTo(ChronoUnit.MILLIS);
      before = before == null ? null : before.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /**
   * {@code {"type": "preset", "preset_type": "last_n_days", "days": n}}: from {@code days} days before the
   * service clock up to it.
   *
   * @param days how many days, 0 or more
   */
  record LastDays(int days) implements DateFilter {}

  /**
   * {@code {"type": "preset", "preset_type": "next_n_days", "days": n}}: from the service clock to
   * {@code days} days after it.
   *
   * @param days how many days, 0 or more
   */
  record NextDays(int days) implements DateFilter {}
}
