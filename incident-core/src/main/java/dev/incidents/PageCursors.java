package dev.incidents;

import dev.incidents.error.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors: opaque to callers, they carry the number of the last incident of the page, so the next
 * page is "numbers below this one". Numbers only grow, so a page never shows an incident twice and never
 * skips one that existed when listing began.
 */
final class PageCursors {

  private static final String PREFIX = "v1:";

  private PageCursors() {}

  static String encode(long lastNumber) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((PREFIX + lastNumber).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The number a cursor carries.
   *
   * @throws BadRequestException if the cursor was not made by {@link #encode}
   */
  static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (text.startsWith(PREFIX)) {
        long number = Long.parseLong(text.substring(PREFIX.length()));
        if (number > 0) {
          return number;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw BadRequestException.of("cursor", "cursor '" + cursor + "' is not a next_cursor this service returned");
  }
}
