package dev.incidents;

import dev.incidents.internal.Tenants;
import dev.incidents.reference.ObjectType;
import dev.incidents.reference.Reference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses ids (display ids such as {@code PROD-7}, or DONs) into {@link Reference}s and formats DONs, for
 * one partition. Immutable and thread-safe.
 *
 * <p>Display ids are upper case; numbers are 1 or more, without leading zeros, and fit in a signed 64-bit
 * integer. A DON must name the caller's dev org and this partition.
 */
final class ReferenceParser {

  private static final Pattern DON =
      Pattern.compile("don:([a-z]+):([^:/]+):devo/([^:/]+):([a-z_]+)/([0-9]+)");

  private final String partition;

  /**
   * A parser for DONs of this partition.
   *
   * @throws IllegalArgumentException if the partition is not {@code [A-Za-z0-9_-]{1,64}}
   */
  public ReferenceParser(String partition) {
    if (partition == null || !Tenants.isValid(partition)) {
      throw new IllegalArgumentException("partition must match [A-Za-z0-9_-]{1,64}, got '" + partition + "'");
    }
    this.partition = partition;
  }

  /** The partition of the DONs this parser reads and writes. */
  public String partition() {
    return partition;
  }

  /** The outcome of parsing one id: a reference, or why it is not one. */
  public sealed interface Parsed permits Parsed.Ok, Parsed.Invalid, Parsed.Foreign {

    /** A valid id. @param reference what it names */
    record Ok(Reference reference) implements Parsed {}

    /** An id that cannot be parsed. @param reason why, for the {@code invalid_id} message */
    record Invalid(String reason) implements Parsed {}

    /** A well-formed DON of another dev org or partition. @param reason whose it is */
    record Foreign(String reason) implements Parsed {}
  }

  /** Parses {@code raw} as the id of an object in {@code tenant}. */
  public Parsed parse(String raw, String tenant) {
    int dash = displayIdDash(raw);
    if (dash > 0) {
      String prefix = raw.substring(0, dash);
      ObjectType type = ObjectType.byPrefix(prefix);
      if (type == null) {
        return new Parsed.Invalid("unknown prefix '" + prefix + "'");
      }
      // A valid display id is already canonical (its prefix is the type's, its number has no leading zero).
      return number(raw, dash + 1, type, tenant, raw);
    }
    if (raw.startsWith("don:")) {
      Matcher don = DON.matcher(raw);
      if (!don.matches()) {
        return new Parsed.Invalid("a DON has the form don:<namespace>:<partition>:devo/<dev org>:<type>/<n>");
      }
      ObjectType type = ObjectType.bySegment(don.group(4));
      if (type == null || !type.namespace().equals(don.group(1))) {
        return new Parsed.Invalid("unknown object type 'don:" + don.group(1) + ":...:" + don.group(4) + "'");
      }
      String problem = scope(don.group(2), don.group(3), tenant);
      if (problem != null) {
        return new Parsed.Foreign(problem);
      }
      return number(don.group(5), 0, type, tenant, null);
    }
    return new Parsed.Invalid("expected a display id such as PROD-7 or a DON");
  }

  /**
   * Where the dash of a display id ({@code [A-Z]+-[0-9]+}) is, or -1 if {@code raw} is not one. A scan
   * rather than a regular expression: every create parses a dozen ids, and a {@code Matcher} per id was
   * 40% of the bytes a create allocated.
   */
  private static int displayIdDash(String raw) {
    int dash = raw.indexOf('-');
    if (dash < 1 || dash == raw.length() - 1) {
      return -1;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok = i < dash ? c >= 'A' && c <= 'Z' : i == dash || c >= '0' && c <= '9';
      if (!ok) {
        return -1;
      }
    }
    return dash;
  }

  /**
   * The {@code n} of a DON of the given {@code don:core} segment (such as {@code custom_stage}) in
   * {@code tenant}, or -1 when {@code raw} is not such a DON.
   */
  public long parseCoreNumber(String raw, String segment, String tenant) {
    // The one DON that qualifies is coreDon(tenant, segment, n): compared piece by piece in place, since the
    // facets of every create and update read two of these (partition and tenant hold no ':' or '/').
    int at = 0;
    for (String piece : new String[] {"don:core:", partition, ":devo/", tenant, ":", segment, "/"}) {
      if (!raw.startsWith(piece, at)) {
        return -1;
      }
      at += piece.length();
    }
    return canonicalNumber(raw, at);
  }

  /** The DON of a {@code don:core} object of type {@code segment}, such as {@code custom_stage}. */
  public String coreDon(String tenant, String segment, String key) {
    return "don:core:" + partition + ":devo/" + tenant + ":" + segment + "/" + key;
  }

  /** The reference to object {@code number} of {@code type} in {@code tenant}. */
  public Reference reference(ObjectType type, long number, String tenant) {
    return reference(type, number, tenant, type.prefix() + "-" + number);
  }

  private Reference reference(ObjectType type, long number, String tenant, String displayId) {
    String don = "don:" + type.namespace() + ":" + partition + ":devo/" + tenant + ":" + type.donSegment() + "/" + number;
    return new Reference(type, number, don, displayId);
  }

  private @Nullable String scope(String donPartition, String donTenant, String tenant) {
    if (!donTenant.equals(tenant)) {
      return "it belongs to dev org '" + donTenant + "', not '" + tenant + "'";
    }
    if (!donPartition.equals(partition)) {
      return "it belongs to partition '" + donPartition + "', not '" + partition + "'";
    }
    return null;
  }

  /** The reference whose number is {@code text} from {@code start} on, with its display id if already known. */
  private Parsed number(String text, int start, ObjectType type, String tenant, @Nullable String displayId) {
    long n = canonicalNumber(text, start);
    if (n < 0) {
      return new Parsed.Invalid("the number must be 1 to 9223372036854775807, without leading zeros");
    }
    return new Parsed.Ok(displayId == null ? reference(type, n, tenant) : reference(type, n, tenant, displayId));
  }

  /**
   * The value of {@code text} from {@code start} to its end if that is a canonical positive int64 (digits
   * only, no leading zero, at most {@link Long#MAX_VALUE}), else -1. Read in place: no substring per id.
   */
  private static long canonicalNumber(String text, int start) {
    int length = text.length() - start;
    if (length < 1 || length > 19 || text.charAt(start) == '0') {
      return -1;
    }
    long n = 0;
    for (int i = start; i < text.length(); i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9 || n > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      n = n * 10 + digit;
    }
    return n;
  }
}
