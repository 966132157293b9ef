package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.model.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors: opaque to callers, they carry the order of the list and the number of the last incident of the
 * page, so the next page is "numbers beyond this one" in that order. Numbers never change, so a page never
 * shows an incident twice and never skips one that matched throughout, whatever is created, updated or
 * deleted meanwhile. Cursors of the first release ({@code v1}, newest first) are still read.
 */
final class PageCursors {

  private static final String NEWEST = "v2:desc:";
  private static final String OLDEST = "v2:asc:";
  private static final String V1 = "v1:";

  private PageCursors() {}

  static String encode(SortOrder order, long lastNumber) {
    String text = (order == SortOrder.NEWEST_FIRST ? NEWEST : OLDEST) + lastNumber;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The number a cursor carries.
   *
   * @throws BadRequestException if the cursor was not made by {@link #encode}, or for the other order
   */
  static long decode(String cursor, SortOrder order) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw notOurs(cursor);
    }
    String prefix = text.startsWith(V1) ? V1 : text.startsWith(NEWEST) ? NEWEST : text.startsWith(OLDEST) ? OLDEST : null;
    if (prefix == null) {
      throw notOurs(cursor);
    }
    SortOrder cursorOrder = prefix.equals(OLDEST) ? SortOrder.OLDEST_FIRST : SortOrder.NEWEST_FIRST;
    long number;
    try {
      number = Long.parseLong(text.substring(prefix.length()));
    } catch (NumberFormatException e) {
      throw notOurs(cursor);
    }
    if (number < 1) {
      throw notOurs(cursor);
    }
    if (cursorOrder != order) {
      throw BadRequestException.of("cursor", "cursor '" + cursor + "' continues a list sorted "
          + cursorOrder.sortBy() + ", not " + order.sortBy() + "; keep sort_by the same while paging");
    }
    return number;
  }

  private static BadRequestException notOurs(String cursor) {
    return BadRequestException.of("cursor", "cursor '" + cursor + "' is not a next_cursor this service returned");
  }
}
