package dev.incidents.spi;

import dev.incidents.internal.Tenants;

/**
 * The limits of what the service hands a store, so that a store can size its columns and keys from one
 * place. The SPI's records check them when they are made, and the service calls the other methods only within
 * them; a store need not check them again (docs/CONTRACT.md section 14).
 */
public final class StoreLimits {

  /** The longest tenant name: tenants match {@code [A-Za-z0-9_-]{1,64}}. */
  public static final int MAX_TENANT_LENGTH = Tenants.MAX_LENGTH;
  /** The longest idempotency key (printable ASCII). */
  public static final int MAX_KEY_LENGTH = 255;
  /** The longest fingerprint recorded with a key (printable ASCII; the service's are 64 hex digits). */
  public static final int MAX_FINGERPRINT_LENGTH = 64;
  /** The longest id value a facet holds (a DON), in characters. */
  public static final int MAX_FACET_ID_LENGTH = 255;
  /** The longest namespace of a service record: {@code [a-z0-9_.-]{1,64}}. */
  public static final int MAX_NAMESPACE_LENGTH = 64;
  /** The longest key of a service record (printable ASCII). */
  public static final int MAX_RECORD_KEY_LENGTH = 255;
  /** The largest value of a service record, in bytes. */
  public static final int MAX_RECORD_VALUE_BYTES = 64 * 1024;
  /** The most incidents one {@link IncidentStore#list} call asks for. */
  public static final int MAX_LIST_LIMIT = 1001;
  /** The most events one {@link IncidentStore#events} call asks for. */
  public static final int MAX_EVENTS_LIMIT = 10_000;


  private StoreLimits() {}

  /** Checks a tenant name: {@code [A-Za-z0-9_-]{1,64}}, else {@link IllegalArgumentException}. */
  static String checkTenant(String tenant) {
    if (tenant == null || !Tenants.isValid(tenant)) {
      throw new IllegalArgumentException("a tenant matches [A-Za-z0-9_-]{1,64}, got " + quoted(tenant));
    }
    return tenant;
  }

  /** Checks {@code value} is 1 to {@code max} printable ASCII characters (U+0020 to U+007E). */
  static String checkAscii(String what, String value, int max) {
    if (value == null || value.isEmpty() || value.length() > max) {
      throw new IllegalArgumentException("the " + what + " must have 1 to " + max + " characters, got "
          + (value == null ? "null" : value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("the " + what + " must hold printable ASCII only; character " + i
            + " is U+" + String.format("%04X", (int) c));
      }
    }
    return value;
  }

  private static String quoted(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
