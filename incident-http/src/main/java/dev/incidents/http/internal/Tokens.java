package dev.incidents.http.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Tokens: how they look, how the {@code Authorization} header carries them, and fresh ones. */
public final class Tokens {

  /** The longest token accepted; longer {@code Authorization} headers are refused without being examined. */
  public static final int MAX_TOKEN_CHARS = 512;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** Whether the token is 1 to {@value #MAX_TOKEN_CHARS} printable ASCII characters without spaces. */
  public static boolean isWellFormed(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /**
   * The token of an {@code Authorization} header, {@code <token>} or {@code Bearer <token>} (the scheme in any case),
   * or {@code null} when the header is absent or cannot carry a token.
   */
  public static @Nullable String fromHeader(@Nullable String header) {
    if (header == null || header.length() > MAX_TOKEN_CHARS + 16) {
      return null;
    }
    String value = header.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      value = value.substring(7).strip();
    }
    return isWellFormed(value) ? value : null;
  }

  /** A new random token: 32 bytes from a {@link SecureRandom}, URL-safe Base64. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
