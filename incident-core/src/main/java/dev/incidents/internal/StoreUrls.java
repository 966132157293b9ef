package dev.incidents.internal;

import org.jspecify.annotations.Nullable;

/** Store URLs in messages, which end up in logs: never with a password in them. */
public final class StoreUrls {

  private StoreUrls() {}

  /**
   * The URL with the value of any {@code password} parameter hidden ({@code password=***}).
   *
   * @return {@code null} for a {@code null} URL
   */
  public static @Nullable String redacted(@Nullable String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
