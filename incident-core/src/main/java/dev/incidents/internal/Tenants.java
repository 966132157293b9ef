package dev.incidents.internal;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The syntax of tenant (dev org) names, checked wherever one enters the library. */
public final class Tenants {

  /** The longest tenant name. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

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
    return NAME.matcher(name).matches();
  }
}
