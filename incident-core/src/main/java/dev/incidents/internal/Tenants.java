package dev.incidents.internal;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import org.jspecify.annotations.Nullable;

/** The syntax of tenant (dev org) names, checked wherever one enters the library. */
public final class Tenants {

  /** The longest tenant name. */
  public static final int MAX_LENGTH = 64;

  private Tenants() {}

  /**
   * Checks a tenant name.
   *
   * @return the tenant
   * @throws BadRequestException unless it matches {@code [A-Za-z0-9_-]{1,64}}
   */
  public static String check(@Nullable String tenant) {
    if (tenant == null) {
      throw BadRequestException.of(Violation.missingRequiredField("tenant"));
    }
    if (!isValid(tenant)) {
      throw BadRequestException.of(Violation.valueNotPermitted("tenant",
          "must match [A-Za-z0-9_-]{1,64}, got '" + tenant + "'"));
    }
    return tenant;
  }

  /** Whether {@code name} is a well-formed tenant name (also used for DON partitions, which share the syntax). */
  public static boolean isValid(String name) {
    // A scan rather than a regular expression: every call of every store checks the tenant it is given.
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
